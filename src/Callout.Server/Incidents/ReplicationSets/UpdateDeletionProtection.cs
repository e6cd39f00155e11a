using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.ReplicationSets;

/// While on, DeleteReplicationSet and deleting the final region are refused (docs/spec/incidents.md §2).
sealed class UpdateDeletionProtection(IStore store) : IOperation<UpdateDeletionProtectionInput, UpdateDeletionProtectionOutput>
{
    public async Task<UpdateDeletionProtectionOutput> HandleAsync(UpdateDeletionProtectionInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.ReplicationSet, ct) is not null)
        {
            return new();
        }
        var (set, arn) = await ReplicationSets.FindAsync(session, context, request.Arn, ct);
        await session.UpdateReplicationSetAsync(set with
        {
            DeletionProtected = request.DeletionProtected,
            LastModifiedBy = ReplicationSets.Caller(context),
            LastModifiedAt = context.Now(),
        }, ct);
        await Idempotency.RememberAsync(session, context, request.ClientToken, arn, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new();
    }
}
