using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Rotations;

sealed class GetRotationOverride(IStore store) : IOperation<GetRotationOverrideRequest, GetRotationOverrideResult>
{
    public async Task<GetRotationOverrideResult> HandleAsync(GetRotationOverrideRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        var found = await session.FindOverrideAsync(rotation.Id, request.RotationOverrideId.ToLowerInvariant(), ct)
            ?? throw new ResourceNotFound(request.RotationOverrideId, ResourceTypes.RotationOverride, $"Rotation override {request.RotationOverrideId} not found.");
        return new GetRotationOverrideResult
        {
            RotationOverrideId = found.Id,
            RotationArn = rotation.Arn.ToString(),
            NewContactIds = RotationLookups.Arns(found.Members, rotation.Arn.Scope),
            StartTime = Times.Of(found.Start),
            EndTime = Times.Of(found.End),
            CreateTime = Times.Of(found.CreatedAt),
        };
    }
}
