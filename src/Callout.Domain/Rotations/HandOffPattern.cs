using NodaTime;

namespace Callout.Domain.Rotations;

/// A recurrence's hand-off times grouped by the days they fall on, checked once per query.
internal sealed class HandOffPattern
{
    public RecurrenceKind Kind { get; }

    /// The times of a daily recurrence, sorted and distinct.
    public LocalTime[] Daily { get; }

    /// Weekly times by IsoDayOfWeek (index 1..7).
    public LocalTime[][] ByWeekday { get; }

    /// Monthly times by DayOfMonth (index 1..31), before clamping to the month's length.
    public LocalTime[][] ByMonthDay { get; }

    /// How many hand-offs there are: no day has more.
    public int Count { get; }

    public HandOffPattern(Recurrence recurrence)
    {
        Kind = recurrence.Kind;
        Daily = [];
        ByWeekday = [];
        ByMonthDay = [];
        var handOffs = recurrence.HandOffs;
        if (handOffs.Count == 0)
        {
            throw new ArgumentException("A recurrence needs at least one hand-off.", nameof(recurrence));
        }
        switch (Kind)
        {
            case RecurrenceKind.Daily:
                Daily = Times(handOffs, _ => true);
                break;
            case RecurrenceKind.Weekly:
                ByWeekday = new LocalTime[8][];
                ByWeekday[0] = [];
                for (var d = 1; d <= 7; d++)
                {
                    var weekday = (IsoDayOfWeek)d;
                    ByWeekday[d] = Times(handOffs, h => h.Day == weekday);
                }
                foreach (var h in handOffs)
                {
                    if (h.Day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
                    {
                        throw new ArgumentException("A weekly hand-off needs a day of the week.", nameof(recurrence));
                    }
                }
                break;
            case RecurrenceKind.Monthly:
                ByMonthDay = new LocalTime[32][];
                ByMonthDay[0] = [];
                for (var d = 1; d <= 31; d++)
                {
                    var monthDay = d;
                    ByMonthDay[d] = Times(handOffs, h => h.DayOfMonth == monthDay);
                }
                foreach (var h in handOffs)
                {
                    if (h.DayOfMonth is < 1 or > 31)
                    {
                        throw new ArgumentException("A monthly hand-off needs a day of the month from 1 to 31.", nameof(recurrence));
                    }
                }
                break;
            default:
                throw new ArgumentException($"Unknown recurrence kind {Kind}.", nameof(recurrence));
        }
        Count = handOffs.Count;
    }

    static LocalTime[] Times(IReadOnlyList<HandOff> handOffs, Func<HandOff, bool> matches)
    {
        var times = new List<LocalTime>();
        foreach (var h in handOffs)
        {
            if (matches(h) && !times.Contains(h.Time))
            {
                times.Add(h.Time);
            }
        }
        times.Sort();
        return [.. times];
    }

}
