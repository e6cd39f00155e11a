using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// A week or a month of a rotation's shifts, laid out by the days of the rotation's time zone:
/// each day holds the parts of the shifts that fall in it, with local times (a day across a DST
/// change is 23 or 25 hours long, and its times say so).
sealed class ShiftCalendar
{
    public const string Week = "week";
    public const string Month = "month";
    static readonly LocalDatePattern DateText = LocalDatePattern.Iso;

    public string View { get; }
    public LocalDate Anchor { get; }
    public DateTimeZone Zone { get; }
    public LocalDate First { get; }
    public LocalDate Last { get; }

    public Instant From => Zone.AtStartOfDay(First).ToInstant();
    public Instant To => Zone.AtStartOfDay(Last.PlusDays(1)).ToInstant();

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public ShiftCalendar(string? view, LocalDate anchor, DateTimeZone zone)
    {
        View = view == Month ? Month : Week;
        Anchor = anchor;
        Zone = zone;
        if (View == Week)
        {
            First = anchor.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
            Last = First.PlusDays(6);
        }
        else
        {
            First = anchor.With(DateAdjusters.StartOfMonth).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
            Last = anchor.With(DateAdjusters.EndOfMonth).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Sunday));
        }
    }

    /// The day a `start` query names, or today in the zone when it names none.
    public static LocalDate AnchorOf(string? start, DateTimeZone zone, Instant now) =>
        start is not null && DateText.Parse(start) is { Success: true } parsed ? parsed.Value : now.InZone(zone).Date;

    public string Title => View == Week
        ? $"Week of {First.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"
        : Anchor.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public string Previous => DateText.Format(View == Week ? First.PlusWeeks(-1) : Anchor.With(DateAdjusters.StartOfMonth).PlusMonths(-1));
    public string Next => DateText.Format(View == Week ? First.PlusWeeks(1) : Anchor.With(DateAdjusters.StartOfMonth).PlusMonths(1));
    public string AnchorText => DateText.Format(Anchor);

    public void Fill(IEnumerable<CalendarShift> shifts, Func<string, string> name)
    {
        var all = shifts.OrderBy(s => s.Start).ToList();
        var days = new List<CalendarDay>();
        for (var d = First; d <= Last; d = d.PlusDays(1))
        {
            var start = Zone.AtStartOfDay(d).ToInstant();
            var end = Zone.AtStartOfDay(d.PlusDays(1)).ToInstant();
            var parts = all.Where(s => s.Start < end && s.End > start).Select(s =>
            {
                var from = s.Start > start ? s.Start : start;
                var to = s.End < end ? s.End : end;
                return new CalendarPart(
                    Clock(from, start),
                    to == end ? "24:00" : Clock(to, start),
                    s.ContactIds.Count == 0 ? "Nobody" : string.Join(", ", s.ContactIds.Select(name)),
                    s.Overridden,
                    string.Join(", ", s.Replaced.Select(name)));
            }).ToList();
            var hours = (end - start).TotalHours;
            days.Add(new CalendarDay(d, DateText.Format(d), d.Month == Anchor.Month || View == Week, hours == 24 ? null : $"{hours:0.#}-hour day", parts));
        }
        Days = days;
    }

    string Clock(Instant at, Instant dayStart) =>
        at == dayStart ? "00:00" : at.InZone(Zone).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
}

sealed record CalendarDay(LocalDate Date, string Iso, bool InRange, string? Length, IReadOnlyList<CalendarPart> Parts)
{
    public string Heading => Date.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}

/// The part of a shift inside one day, in the day's local time.
sealed record CalendarPart(string From, string To, string Who, bool Override, string Replaced);
