using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Pages;

/// Pages sent to a person; escalation plans and schedules are never paged themselves, so theirs
/// is an empty list.
sealed class ListPagesByContact(IStore store, CursorTokens tokens) : IOperation<ListPagesByContactRequest, ListPagesByContactResult>
{
    public async Task<ListPagesByContactResult> HandleAsync(ListPagesByContactRequest request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, request.ContactId, request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var contact = await session.RequireContactAsync(request.ContactId, context.Scope(), ct);
        var (pages, next) = cursor.Take(await session.ListPagesAsync(null, contact.Alias, TimeKeys.Parse(cursor.After), cursor.Fetch, ct), p => TimeKeys.Of(p.CreatedAt, p.Id));
        return new ListPagesByContactResult
        {
            Pages = await PageViews.ToWireAsync(session, pages, ct),
            NextToken = next,
        };
    }
}
