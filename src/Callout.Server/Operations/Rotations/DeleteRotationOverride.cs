using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Rotations;

/// Allowed at any time, also while the override runs; the regular team is back at once.
sealed class DeleteRotationOverride(IStore store) : IOperation<DeleteRotationOverrideRequest, DeleteRotationOverrideResult>
{
    public async Task<DeleteRotationOverrideResult> HandleAsync(DeleteRotationOverrideRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        var id = request.RotationOverrideId.ToLowerInvariant();
        if (await session.FindOverrideAsync(rotation.Id, id, ct) is null)
        {
            throw new ResourceNotFound(request.RotationOverrideId, ResourceTypes.RotationOverride, $"Rotation override {request.RotationOverrideId} not found.");
        }
        await session.DeleteOverrideAsync(rotation.Id, id, ct);
        await session.CommitAuditedAsync(context, rotation.Arn, ct);
        return new DeleteRotationOverrideResult();
    }
}
