using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Incidents.ReplicationSets;

/// Refused while deletion protection is on (docs/spec/incidents.md §2); gone at once otherwise,
/// so the model's WaitForReplicationSetDeleted succeeds on its first read.
sealed class DeleteReplicationSet(IStore store) : IOperation<DeleteReplicationSetInput, DeleteReplicationSetOutput>
{
    public async Task<DeleteReplicationSetOutput> HandleAsync(DeleteReplicationSetInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var (set, arn) = await ReplicationSets.FindAsync(session, context, request.Arn, ct);
        ReplicationSetRules.CheckDeletable(set, arn);
        await session.DeleteReplicationSetAsync(set.Id, ct);
        await session.SetTagsAsync(arn, new Dictionary<string, string>(), ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new();
    }
}
