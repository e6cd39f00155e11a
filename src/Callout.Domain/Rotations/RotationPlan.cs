using NodaTime;

namespace Callout.Domain.Rotations;

/// What shift computation needs: the members in order (aliases of a stored rotation, or the free
/// strings of a preview), the start, the resolved zone and the recurrence.
public sealed record RotationPlan(IReadOnlyList<string> Members, Instant Start, DateTimeZone Zone, Recurrence Recurrence);
