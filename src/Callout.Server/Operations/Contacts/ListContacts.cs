using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Contacts;

/// Sorted by alias, as in the model's example.
sealed class ListContacts(IContactStore store, PageTokens tokens) : IOperation<ListContactsRequest, ListContactsResult>
{
    public async Task<ListContactsResult> HandleAsync(ListContactsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = $"{request.AliasPrefix}\n{request.Type}";
        var after = tokens.Open(request.NextToken, context.Operation, filters);
        var size = PageSize.Of(request.MaxResults);
        var kind = request.Type is null ? (Domain.Contacts.ContactKind?)null : WireNames.ContactKind(request.Type);

        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var found = await session.ListContactsAsync(request.AliasPrefix, kind, after, size + 1, ct);
        var page = found.Take(size).ToList();
        return new ListContactsResult
        {
            Contacts = page.Select(c => new Contact
            {
                ContactArn = c.Arn.ToString(),
                Alias = c.Alias,
                DisplayName = c.DisplayName,
                Type = WireNames.Of(c.Kind),
            }).ToList(),
            NextToken = found.Count > size ? tokens.Issue(context.Operation, filters, page[^1].Alias) : null,
        };
    }
}
