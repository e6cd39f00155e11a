using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Engine.Processing;

/// Who is on call in a schedule at an instant: the union over its rotations, in order, with
/// overrides applied (docs/spec/rotations.md §2.8). Rotations deleted since are skipped.
public sealed class RotationOnCallResolver(IStore store) : IOnCallResolver
{
    public async Task<OnCall> OnCallAsync(AccountScope scope, ContactSnapshot schedule, Instant at, CancellationToken ct)
    {
        var rotations = new List<(RotationPlan, IReadOnlyList<RotationOverride>)>();
        await using var session = await store.OpenAsync(scope, write: false, ct);
        foreach (var reference in schedule.Plan.RotationIds)
        {
            if (!ResourceArn.TryParse(reference, out var arn) || await session.FindRotationAsync(arn.Id, ct) is not { } rotation)
            {
                continue;
            }
            var overrides = await session.ListOverridesAsync(rotation.Id, at, at + Duration.FromMilliseconds(1), ct);
            rotations.Add((new RotationPlan(rotation.ContactAliases, rotation.StartTime, RotationRules.ResolveZone(rotation.TimeZoneId), rotation.Recurrence), overrides));
        }
        return new OnCall(ShiftCalculator.ScheduleOnCallAt(rotations, at), rotations.Count);
    }
}
