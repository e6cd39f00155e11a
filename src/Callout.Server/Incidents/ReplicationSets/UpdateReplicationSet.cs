using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.ReplicationSets;

/// Adds or deletes a region (docs/spec/incidents.md §2); the change takes effect at once.
sealed class UpdateReplicationSet(IStore store) : IOperation<UpdateReplicationSetInput, UpdateReplicationSetOutput>
{
    public async Task<UpdateReplicationSetOutput> HandleAsync(UpdateReplicationSetInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.ReplicationSet, ct) is not null)
        {
            return new();
        }
        var (set, arn) = await ReplicationSets.FindAsync(session, context, request.Arn, ct);
        var caller = ReplicationSets.Caller(context);
        var now = context.Now();
        foreach (var action in request.Actions)
        {
            set = action switch
            {
                { AddRegionAction: { } add } => ReplicationSetRules.AddRegion(set, add.RegionName, add.SseKmsKeyId, caller, now),
                { DeleteRegionAction: { } delete } => ReplicationSetRules.DeleteRegion(set, delete.RegionName, caller, now),
                _ => set,
            };
        }
        await session.UpdateReplicationSetAsync(set, ct);
        await Idempotency.RememberAsync(session, context, request.ClientToken, arn, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new();
    }
}
