using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Engagements;

/// "Further contacts aren't engaged." Stopping again is a no-op that keeps the first StopTime.
sealed class StopEngagement(IStore store) : IOperation<StopEngagementRequest, StopEngagementResult>
{
    public async Task<StopEngagementResult> HandleAsync(StopEngagementRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var engagement = await session.RequireEngagementAsync(request.EngagementId, context.Scope(), ct);
        await EngagementActions.StopAsync(session, engagement, context.Now(), request.Reason, StopReasons.EngagementStopped, ct);
        await session.CommitAuditedAsync(context, engagement.Arn, ct);
        return new StopEngagementResult();
    }
}
