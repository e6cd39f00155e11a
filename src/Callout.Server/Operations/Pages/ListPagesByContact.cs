using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Pages;

/// Pages sent to a person; escalation plans and schedules are never paged themselves, so theirs
/// is an empty list.
sealed class ListPagesByContact(IContactStore store, PageTokens tokens) : IOperation<ListPagesByContactRequest, ListPagesByContactResult>
{
    public async Task<ListPagesByContactResult> HandleAsync(ListPagesByContactRequest request, RequestContext context, CancellationToken ct)
    {
        var after = Keys.Parse(tokens.Open(request.NextToken, context.Operation, request.ContactId));
        var size = PageSize.Of(request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var contact = await session.RequireContactAsync(request.ContactId, context.Scope(), ct);
        var found = await session.ListPagesAsync(null, contact.Alias, after, size + 1, ct);
        var page = found.Take(size).ToList();
        return new ListPagesByContactResult
        {
            Pages = await PageViews.ToWireAsync(session, page, ct),
            NextToken = found.Count > size ? tokens.Issue(context.Operation, request.ContactId, Keys.Of(page[^1].CreatedAt, page[^1].Id)) : null,
        };
    }
}
