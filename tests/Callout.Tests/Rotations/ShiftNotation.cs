using System.Globalization;
using Callout.Domain.Rotations;
using NodaTime;
using NodaTime.Text;

namespace Callout.Tests.Rotations;

/// The notation of docs/spec/rotations.md §4: times in 2024 UTC as `MM-DD`, `MM-DDTHH` or
/// `MM-DDTHH:MM`, and shifts written as `start→end [members] R` or `… O(regular team)`.
static class ShiftNotation
{
    public const string A = "a";
    public const string B = "b";
    public const string C = "c";
    public const string D = "d";

    static readonly InstantPattern Full = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static Instant T(string text)
    {
        var full = text.Length switch
        {
            5 => text + "T00:00",
            8 => text + ":00",
            _ => text,
        };
        return Full.Parse("2024-" + full).Value;
    }

    public static LocalTime At(string hhmm) => LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(hhmm).Value;

    public static string Regular(string start, string end, params string[] members) => Format(T(start), T(end), members, false, null);

    public static string Overridden(string start, string end, string[] members, params string[] regular) =>
        Format(T(start), T(end), members, true, regular);

    public static string Format(Shift shift) => Format(shift.Start, shift.End, shift.Members, shift.Overridden, shift.OverriddenMembers);

    public static List<string> Format(IEnumerable<Shift> shifts) => shifts.Select(Format).ToList();

    static string Format(Instant start, Instant end, IReadOnlyList<string> members, bool overridden, IReadOnlyList<string>? regular)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Full.Format(start)}→{Full.Format(end)} [{string.Join(",", members)}]");
        return overridden ? $"{text} O({string.Join(",", regular ?? [])})" : $"{text} R" + (regular is null ? "" : " with details");
    }

    public static Recurrence Daily(params string[] times) =>
        new(RecurrenceKind.Daily, times.Select(t => new HandOff(At(t))).ToList(), 1, 1, null);

    public static Recurrence Weekly(params (IsoDayOfWeek Day, string Time)[] handOffs) =>
        new(RecurrenceKind.Weekly, handOffs.Select(h => new HandOff(At(h.Time), h.Day)).ToList(), 1, 1, null);

    public static Recurrence Monthly(params (int Day, string Time)[] handOffs) =>
        new(RecurrenceKind.Monthly, handOffs.Select(h => new HandOff(At(h.Time), DayOfMonth: h.Day)).ToList(), 1, 1, null);

    public static Dictionary<IsoDayOfWeek, IReadOnlyList<CoverageWindow>> Coverage(IEnumerable<IsoDayOfWeek> days, string start, string end) =>
        days.ToDictionary(d => d, _ => (IReadOnlyList<CoverageWindow>)[new CoverageWindow(At(start), At(end))]);

    public static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    public static RotationPlan Plan(string[] members, string zone, Instant start, Recurrence recurrence) =>
        new(members, start, DateTimeZoneProviders.Tzdb[zone], recurrence);

    public static RotationOverride Override(string id, string start, string end, int createdOrder, params string[] members) =>
        new(id, "r", members, T(start), T(end), Instant.FromUtc(2023, 12, 1, 0, 0).PlusTicks(createdOrder));

    /// Vector 1: [A,B,C], daily 09:00 UTC from 01-01T09:00.
    public static readonly RotationPlan Vector1 = Plan([A, B, C], "UTC", T("01-01T09"), Daily("09:00"));

    /// Vector 6: vector 1 with coverage MON–FRI 09:00–17:00.
    public static readonly RotationPlan Vector6 = Plan([A, B, C], "UTC", T("01-01T09"), Daily("09:00") with
    {
        Coverage = Coverage(Weekdays, "09:00", "17:00"),
    });

    public static List<string> Shifts(RotationPlan plan, string from, string to, params RotationOverride[] overrides) =>
        Format(ShiftCalculator.Shifts(plan, overrides, T(from), T(to)));
}
