using NodaTime;

namespace Callout.Domain.Rotations;

public enum RecurrenceKind
{
    Daily,
    Weekly,
    Monthly,
}

/// When shifts hand off (docs/spec/rotations.md §1.2). Every occurrence of every hand-off is a tick;
/// a shift lasts Multiplier ticks and NumberOfOnCalls people share it. Coverage, when given, masks
/// the hours in which anyone is on call; null or empty means around the clock.
public sealed record Recurrence(
    RecurrenceKind Kind,
    IReadOnlyList<HandOff> HandOffs,
    int NumberOfOnCalls,
    int Multiplier,
    IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>>? Coverage);

/// A hand-off at a local time; Day for weekly settings, DayOfMonth for monthly ones.
public sealed record HandOff(LocalTime Time, IsoDayOfWeek Day = IsoDayOfWeek.None, int DayOfMonth = 0);

/// Hours of one weekday with someone on call. End at or before Start ends on the next day; equal
/// values mean 24 hours.
public sealed record CoverageWindow(LocalTime Start, LocalTime End);
