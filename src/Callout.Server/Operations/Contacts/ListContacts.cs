using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Contacts;

/// Sorted by alias, as in the model's example.
sealed class ListContacts(IStore store, CursorTokens tokens) : IOperation<ListContactsRequest, ListContactsResult>
{
    public async Task<ListContactsResult> HandleAsync(ListContactsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = $"{request.AliasPrefix}\n{request.Type}";
        var cursor = tokens.Open(request.NextToken, context.Operation, filters, request.MaxResults);
        var kind = request.Type is null ? (Domain.Contacts.ContactKind?)null : WireNames.ContactKind(request.Type);

        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var (contacts, next) = cursor.Take(await session.ListContactsAsync(request.AliasPrefix, kind, cursor.After, cursor.Fetch, ct), c => c.Alias);
        return new ListContactsResult
        {
            Contacts = contacts.Select(c => new Contact
            {
                ContactArn = c.Arn.ToString(),
                Alias = c.Alias,
                DisplayName = c.DisplayName,
                Type = WireNames.Of(c.Kind),
            }).ToList(),
            NextToken = next,
        };
    }
}
