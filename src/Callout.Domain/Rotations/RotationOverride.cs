using NodaTime;

namespace Callout.Domain.Rotations;

/// Replaces everyone on call in [Start, End) by Members (aliases; empty means nobody). Where
/// overrides overlap the latest CreatedAt wins, ties to the larger Id (docs/spec/rotations.md §2.7).
public sealed record RotationOverride(
    string Id,
    string RotationId,
    IReadOnlyList<string> Members,
    Instant Start,
    Instant End,
    Instant CreatedAt);
