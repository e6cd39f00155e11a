using NodaTime;

namespace Callout.Domain.Rotations;

/// ShiftCoverages as merged instant intervals, built day by day as the calculator moves forward
/// (docs/spec/rotations.md §2.5, §3 Windows). Queries must not go back in time.
internal sealed class CoverageMask
{
    readonly CoverageWindow[][] byWeekday;  // index 1..7 = IsoDayOfWeek
    readonly LenientZone zone;
    readonly Offset maxOffset;
    readonly List<Span> merged = [];    // sorted, neither overlapping nor touching
    int head;                               // merged[..head] ended at or before floor
    Instant floor;
    LocalDate nextDay;

    public CoverageMask(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>> coverage, DateTimeZone zone, Instant from)
    {
        byWeekday = new CoverageWindow[8][];
        for (var d = 0; d <= 7; d++)
        {
            byWeekday[d] = coverage.TryGetValue((IsoDayOfWeek)d, out var windows) ? [.. windows] : [];
        }
        this.zone = new LenientZone(zone);
        maxOffset = zone.MaxOffset;
        floor = from;
        // A window of day e ends before midnight of day e + 2, so no day before this one reaches `from`.
        nextDay = from.WithOffset(zone.MinOffset).Date.PlusDays(-2);
    }

    /// Whether `at` is covered, and the next instant, capped at `cap`, where that may change.
    public bool Covered(Instant at, Instant cap, out Instant next)
    {
        GenerateUntil(cap);
        floor = at;
        while (head < merged.Count && merged[head].End <= at)
        {
            head++;
        }
        // Drop passed windows early so the list stays a few entries long.
        if (head >= 8)
        {
            merged.RemoveRange(0, head);
            head = 0;
        }
        if (head < merged.Count)
        {
            var window = merged[head];
            if (window.Start <= at)
            {
                next = Instant.Min(window.End, cap);
                return true;
            }
            next = Instant.Min(window.Start, cap);
            return false;
        }
        next = cap;
        return false;
    }

    // Windows of later days start at or after that day's midnight at the zone's largest offset, so
    // once every day before `cap` is in, the merged list is exact below `cap`.
    void GenerateUntil(Instant cap)
    {
        while (new OffsetDateTime(nextDay.AtMidnight(), maxOffset).ToInstant() < cap)
        {
            foreach (var c in byWeekday[(int)nextDay.DayOfWeek])
            {
                // docs/spec/rotations.md §2.5: End at or before Start ends on the next day.
                var start = zone.At(nextDay, c.Start);
                var end = zone.At(c.End > c.Start ? nextDay : nextDay.PlusDays(1), c.End);
                if (end > start)
                {
                    Insert(start, end);
                }
            }
            nextDay = nextDay.PlusDays(1);
        }
    }

    void Insert(Instant start, Instant end)
    {
        if (end <= floor)
        {
            return;
        }
        var after = merged.Count;
        while (after > head && merged[after - 1].Start > end)
        {
            after--;
        }
        var first = after;
        while (first > head && merged[first - 1].End >= start)
        {
            first--;
        }
        if (first == after)
        {
            merged.Insert(after, new Span(start, end));
            return;
        }
        merged[first] = new Span(Instant.Min(start, merged[first].Start), Instant.Max(end, merged[after - 1].End));
        merged.RemoveRange(first + 1, after - first - 1);
    }

    readonly record struct Span(Instant Start, Instant End);
}
