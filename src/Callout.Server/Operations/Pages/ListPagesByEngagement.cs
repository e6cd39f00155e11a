using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Pages;

/// Every page of the engagement, the ones its escalation reached included; newest first.
sealed class ListPagesByEngagement(IContactStore store, PageTokens tokens) : IOperation<ListPagesByEngagementRequest, ListPagesByEngagementResult>
{
    public async Task<ListPagesByEngagementResult> HandleAsync(ListPagesByEngagementRequest request, RequestContext context, CancellationToken ct)
    {
        var after = Keys.Parse(tokens.Open(request.NextToken, context.Operation, request.EngagementId));
        var size = PageSize.Of(request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var engagement = await session.RequireEngagementAsync(request.EngagementId, context.Scope(), ct);
        var found = await session.ListPagesAsync(engagement.Id, null, after, size + 1, ct);
        var page = found.Take(size).ToList();
        return new ListPagesByEngagementResult
        {
            Pages = await PageViews.ToWireAsync(session, page, ct),
            NextToken = found.Count > size ? tokens.Issue(context.Operation, request.EngagementId, Keys.Of(page[^1].CreatedAt, page[^1].Id)) : null,
        };
    }
}
