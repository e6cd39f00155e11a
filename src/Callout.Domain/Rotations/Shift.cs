using NodaTime;

namespace Callout.Domain.Rotations;

/// Who is on call in [Start, End). An overridden shift also names the regular team it replaced.
public sealed record Shift(
    Instant Start,
    Instant End,
    IReadOnlyList<string> Members,
    bool Overridden,
    IReadOnlyList<string>? OverriddenMembers);
