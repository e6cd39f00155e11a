using Callout.Domain.Rotations;
using NodaTime;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Server.Mapping;

/// RecurrenceSettings on the wire and Recurrence in the domain. Which of the three settings lists
/// is used is checked by RotationRules; an empty list counts as absent (docs/spec/rotations.md §1.2).
static class RecurrenceMapper
{
    public static Recurrence ToDomain(Wire.RecurrenceSettings wire)
    {
        RotationRules.CheckSettingsKinds(wire.DailySettings?.Count ?? 0, wire.WeeklySettings?.Count ?? 0, wire.MonthlySettings?.Count ?? 0);
        var (kind, handOffs) = wire switch
        {
            { DailySettings.Count: > 0 } => (RecurrenceKind.Daily, wire.DailySettings.Select(h => new HandOff(Time(h))).ToList()),
            { WeeklySettings.Count: > 0 } => (RecurrenceKind.Weekly, wire.WeeklySettings.Select(w => new HandOff(Time(w.HandOffTime), Day(w.DayOfWeek))).ToList()),
            _ => (RecurrenceKind.Monthly, wire.MonthlySettings!.Select(m => new HandOff(Time(m.HandOffTime), DayOfMonth: m.DayOfMonth)).ToList()),
        };
        var coverage = wire.ShiftCoverages is { Count: > 0 } map
            ? map.ToDictionary(e => Day(e.Key), e => (IReadOnlyList<CoverageWindow>)e.Value.Select(c => new CoverageWindow(
                c.Start is { } s ? Time(s) : RotationRules.MissingCoverageTime(e.Key),
                c.End is { } end ? Time(end) : RotationRules.MissingCoverageTime(e.Key))).ToList())
            : null;
        return new Recurrence(kind, handOffs, wire.NumberOfOnCalls, wire.RecurrenceMultiplier, coverage);
    }

    public static Wire.RecurrenceSettings ToWire(Recurrence recurrence) => new()
    {
        NumberOfOnCalls = recurrence.NumberOfOnCalls,
        RecurrenceMultiplier = recurrence.Multiplier,
        DailySettings = recurrence.Kind == RecurrenceKind.Daily ? recurrence.HandOffs.Select(h => Wire(h.Time)).ToList() : null,
        WeeklySettings = recurrence.Kind == RecurrenceKind.Weekly
            ? recurrence.HandOffs.Select(h => new Wire.WeeklySetting { DayOfWeek = Name(h.Day), HandOffTime = Wire(h.Time) }).ToList()
            : null,
        MonthlySettings = recurrence.Kind == RecurrenceKind.Monthly
            ? recurrence.HandOffs.Select(h => new Wire.MonthlySetting { DayOfMonth = h.DayOfMonth, HandOffTime = Wire(h.Time) }).ToList()
            : null,
        ShiftCoverages = recurrence.Coverage?.ToDictionary(e => Name(e.Key),
            e => e.Value.Select(c => new Wire.CoverageTime { Start = Wire(c.Start), End = Wire(c.End) }).ToList()),
    };

    static LocalTime Time(Wire.HandOffTime h) => new(h.HourOfDay, h.MinuteOfHour);

    static Wire.HandOffTime Wire(LocalTime t) => new() { HourOfDay = t.Hour, MinuteOfHour = t.Minute };

    static readonly string[] Days = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    public static IsoDayOfWeek Day(string name) => (IsoDayOfWeek)(Array.IndexOf(Days, name) + 1);

    public static string Name(IsoDayOfWeek day) => Days[(int)day - 1];
}
