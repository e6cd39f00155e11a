using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Engine.Processing;

/// Who is on call in a schedule at an instant: the de-duplicated union over its rotations, with
/// overrides applied (docs/spec/domain.md §3.3). Rotations says how many of the schedule's rotations
/// still exist, so a schedule with none left can be told from one with a gap in its shifts.
public interface IOnCallResolver
{
    Task<OnCall> OnCallAsync(AccountScope scope, ContactSnapshot schedule, Instant at, CancellationToken ct);
}

public sealed record OnCall(IReadOnlyList<string> People, int Rotations);
