using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Pages;

/// Every page of the engagement, the ones its escalation reached included; newest first.
sealed class ListPagesByEngagement(IStore store, CursorTokens tokens) : IOperation<ListPagesByEngagementRequest, ListPagesByEngagementResult>
{
    public async Task<ListPagesByEngagementResult> HandleAsync(ListPagesByEngagementRequest request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, request.EngagementId, request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var engagement = await session.RequireEngagementAsync(request.EngagementId, context.Scope(), ct);
        var (pages, next) = cursor.Take(await session.ListPagesAsync(engagement.Id, null, TimeKeys.Parse(cursor.After), cursor.Fetch, ct), p => TimeKeys.Of(p.CreatedAt, p.Id));
        return new ListPagesByEngagementResult
        {
            Pages = await PageViews.ToWireAsync(session, pages, ct),
            NextToken = next,
        };
    }
}
