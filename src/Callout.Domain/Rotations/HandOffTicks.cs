using NodaTime;

namespace Callout.Domain.Rotations;

/// The hand-off instants after a given instant, ascending and distinct (docs/spec/rotations.md §3
/// Ticks): every occurrence of every entry of the settings list, day by day in the rotation's zone.
/// Allocates only when created.
internal sealed class HandOffTicks
{
    readonly HandOffPattern pattern;
    readonly LenientZone zone;
    readonly Instant[] today;
    int count;
    int index;
    LocalDate day;
    Instant previous;

    public HandOffTicks(HandOffPattern pattern, DateTimeZone zone, Instant after)
    {
        this.pattern = pattern;
        this.zone = new LenientZone(zone);
        today = new Instant[pattern.Count];
        day = after.InZone(zone).Date.PlusDays(-1);
        previous = after;
    }

    public Instant Next()
    {
        while (index == count)
        {
            Fill();
            day = day.PlusDays(1);
        }
        return today[index++];
    }

    // One day's hand-offs that come after the last one returned, sorted again after DST
    // resolution (a time in a gap may land after a later time of the same day).
    void Fill()
    {
        index = 0;
        count = 0;
        switch (pattern.Kind)
        {
            case RecurrenceKind.Daily:
                Add(pattern.Daily);
                break;
            case RecurrenceKind.Weekly:
                Add(pattern.ByWeekday[(int)day.DayOfWeek]);
                break;
            default:
                // docs/spec/rotations.md §2.4: a day past the month's end falls on its last day.
                Add(pattern.ByMonthDay[day.Day]);
                var length = CalendarSystem.Iso.GetDaysInMonth(day.Year, day.Month);
                if (day.Day == length)
                {
                    for (var d = length + 1; d <= 31; d++)
                    {
                        Add(pattern.ByMonthDay[d]);
                    }
                }
                break;
        }
        if (count == 0)
        {
            return;
        }
        Array.Sort(today, 0, count);
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (today[i] > previous)
            {
                previous = today[i];
                today[kept++] = previous;
            }
        }
        count = kept;
    }

    void Add(LocalTime[] times)
    {
        foreach (var time in times)
        {
            today[count++] = zone.At(day, time);
        }
    }
}
