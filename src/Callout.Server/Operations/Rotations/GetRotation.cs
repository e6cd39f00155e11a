using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Rotations;

/// StartTime only when the caller gave one, as in ListRotations (docs/decisions.md, Rotations).
sealed class GetRotation(IStore store) : IOperation<GetRotationRequest, GetRotationResult>
{
    public async Task<GetRotationResult> HandleAsync(GetRotationRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        return new GetRotationResult
        {
            RotationArn = rotation.Arn.ToString(),
            Name = rotation.Name,
            ContactIds = RotationLookups.Arns(rotation.ContactAliases, rotation.Arn.Scope),
            StartTime = rotation.StartTimeGiven ? Times.Of(rotation.StartTime) : null,
            TimeZoneId = rotation.TimeZoneId,
            Recurrence = RecurrenceMapper.ToWire(rotation.Recurrence),
        };
    }
}
