using Callout.Domain.Contacts;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Rotations;

/// Deletes the rotation with its overrides and takes it out of every on-call schedule, even one
/// left with no rotation (model; docs/spec/rotations.md §3.3).
sealed class DeleteRotation(IStore store) : IOperation<DeleteRotationRequest, DeleteRotationResult>
{
    public async Task<DeleteRotationResult> HandleAsync(DeleteRotationRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, scope, ct);
        var arn = rotation.Arn.ToString();
        string? after = null;
        while (true)
        {
            var schedules = await session.ListContactsAsync(null, ContactKind.OncallSchedule, after, 200, ct);
            foreach (var schedule in schedules.Where(s => s.Plan.RotationIds.Contains(arn, StringComparer.Ordinal)))
            {
                var remaining = schedule.Plan.RotationIds.Where(id => id != arn).ToList();
                await session.UpdateContactAsync(schedule with { Plan = schedule.Plan with { RotationIds = remaining } }, context.Now(), ct);
            }
            if (schedules.Count < 200)
            {
                break;
            }
            after = schedules[^1].Alias;
        }
        await session.DeleteRotationAsync(rotation.Id, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new DeleteRotationResult();
    }
}
