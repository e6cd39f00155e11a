using System.Text.Json;
using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Tests.Rotations;

/// A RecurrenceSettings as the wire writes it (the form of tests/vectors/rotation-shifts.json),
/// read into the domain's Recurrence on this side, apart from the server's own mapping, so the
/// calculator is fed what the table says.
static class WireRecurrence
{
    static readonly string[] Days = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    public static Recurrence ToDomain(JsonElement wire)
    {
        RecurrenceKind kind;
        List<HandOff> handOffs;
        if (wire.TryGetProperty("DailySettings", out var daily))
        {
            (kind, handOffs) = (RecurrenceKind.Daily, daily.EnumerateArray().Select(h => new HandOff(Time(h))).ToList());
        }
        else if (wire.TryGetProperty("WeeklySettings", out var weekly))
        {
            (kind, handOffs) = (RecurrenceKind.Weekly,
                weekly.EnumerateArray().Select(w => new HandOff(Time(w.GetProperty("HandOffTime")), Day(w.GetProperty("DayOfWeek")))).ToList());
        }
        else
        {
            (kind, handOffs) = (RecurrenceKind.Monthly, wire.GetProperty("MonthlySettings").EnumerateArray()
                .Select(m => new HandOff(Time(m.GetProperty("HandOffTime")), DayOfMonth: m.GetProperty("DayOfMonth").GetInt32())).ToList());
        }
        var coverage = wire.TryGetProperty("ShiftCoverages", out var coverages)
            ? coverages.EnumerateObject().ToDictionary(
                day => (IsoDayOfWeek)(Array.IndexOf(Days, day.Name) + 1),
                day => (IReadOnlyList<CoverageWindow>)day.Value.EnumerateArray()
                    .Select(w => new CoverageWindow(Time(w.GetProperty("Start")), Time(w.GetProperty("End")))).ToList())
            : null;
        return new Recurrence(kind, handOffs, wire.GetProperty("NumberOfOnCalls").GetInt32(), wire.GetProperty("RecurrenceMultiplier").GetInt32(), coverage);
    }

    static LocalTime Time(JsonElement handOff) => new(handOff.GetProperty("HourOfDay").GetInt32(), handOff.GetProperty("MinuteOfHour").GetInt32());

    static IsoDayOfWeek Day(JsonElement name) => (IsoDayOfWeek)(Array.IndexOf(Days, name.GetString()) + 1);
}
