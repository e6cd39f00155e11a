using System.Text.Json;
using NodaTime;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// A shift of ListRotationShifts or ListPreviewRotationShifts: who, when, and whether an override
/// made it (Type OVERRIDDEN, with the members it replaced).
sealed record CalendarShift(Instant Start, Instant End, IReadOnlyList<string> ContactIds, bool Overridden, IReadOnlyList<string> Replaced)
{
    public static CalendarShift From(JsonElement s) => new(
        Epoch(s.GetProperty("StartTime")),
        Epoch(s.GetProperty("EndTime")),
        Strings(s, "ContactIds"),
        s.TryGetProperty("Type", out var t) && t.GetString() == "OVERRIDDEN",
        s.TryGetProperty("ShiftDetails", out var d) ? Strings(d, "OverriddenContactIds") : []);

    /// Epoch seconds, perhaps with a fraction, as the wire writes them.
    public static Instant Epoch(JsonElement seconds) =>
        Instant.FromUnixTimeTicks((long)(seconds.GetDecimal() * NodaConstants.TicksPerSecond));

    static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
}
