using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Rotations;

/// Recurrence is replaced whole; ContactIds, StartTime and TimeZoneId only when sent. Overrides
/// stay, even those naming people who left (docs/spec/rotations.md §3.3). A StartTime sent counts as
/// given from then on; one left out keeps the rotation's as it was, given or not.
sealed class UpdateRotation(IStore store) : IOperation<UpdateRotationRequest, UpdateRotationResult>
{
    public async Task<UpdateRotationResult> HandleAsync(UpdateRotationRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        var recurrence = RecurrenceMapper.ToDomain(request.Recurrence);
        if (request.TimeZoneId is { } zone)
        {
            RotationRules.ResolveZone(zone);
        }
        await using var session = await store.OpenAsync(scope, write: true, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, scope, ct);
        var members = request.ContactIds is { } ids ? await session.MemberAliasesAsync(ids, scope, ct) : rotation.ContactAliases;
        RotationRules.CheckRotation(members, recurrence);
        await session.UpdateRotationAsync(rotation with
        {
            ContactAliases = members,
            StartTime = Times.Of(request.StartTime) ?? rotation.StartTime,
            StartTimeGiven = rotation.StartTimeGiven || request.StartTime is not null,
            TimeZoneId = request.TimeZoneId ?? rotation.TimeZoneId,
            Recurrence = recurrence,
        }, ct);
        await session.CommitAuditedAsync(context, rotation.Arn, ct);
        return new UpdateRotationResult();
    }
}
