using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.ReplicationSets;

/// One replication set per account (docs/spec/incidents.md §2); a second is a ConflictException.
/// The set is ACTIVE at once, so the model's waiter succeeds on its first read.
sealed class CreateReplicationSet(IStore store, TimeProvider time) : IOperation<CreateReplicationSetInput, CreateReplicationSetOutput>
{
    public async Task<CreateReplicationSetOutput> HandleAsync(CreateReplicationSetInput request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.ReplicationSet, ct) is { } replayed)
        {
            return new() { Arn = replayed };
        }
        var now = context.Now();
        var caller = ReplicationSets.Caller(context);
        var set = new Domain.Incidents.ReplicationSet(
            Guid.CreateVersion7(time.GetUtcNow()).ToString(),
            request.Regions.Select(r => new ReplicationRegion(r.Key, r.Value.SseKmsKeyId, now)).ToList(),
            DeletionProtected: false,
            caller,
            now,
            caller,
            now);
        var arn = IncidentArns.ReplicationSet(scope, set.Id);
        if (!await session.InsertReplicationSetAsync(set, ct))
        {
            var existing = await session.FindReplicationSetAsync(ct);
            var existingArn = existing is null ? arn : IncidentArns.ReplicationSet(scope, existing.Id);
            throw new ResourceConflict(existingArn, ResourceTypes.ReplicationSet,
                $"The account already has a replication set, {existingArn}; an account has one.");
        }
        if (request.Tags is { Count: > 0 } tags)
        {
            await session.SetTagsAsync(arn, tags, ct);
        }
        await Idempotency.RememberAsync(session, context, request.ClientToken, arn, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new() { Arn = arn };
    }
}
