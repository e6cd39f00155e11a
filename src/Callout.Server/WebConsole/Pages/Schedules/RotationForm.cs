using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// The rotation editor's form: members (aliases, in order), time zone, how many are on call, and
/// the recurrence written as hand-offs ("09:00", "MON 09:00, THU 09:00" or "1 09:00"). Coverage
/// (ShiftCoverages) is kept as it is. The operations judge the values; this only reads the text.
sealed class RotationForm
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";

    public string Members { get; set; } = "";
    public string TimeZoneId { get; set; } = "";
    public string NumberOfOnCalls { get; set; } = "1";
    public string RecurrenceMultiplier { get; set; } = "1";
    public string Kind { get; set; } = Daily;
    public string HandOffs { get; set; } = "";

    public IReadOnlyList<string> Aliases => Members.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static RotationForm From(JsonElement rotation, Func<string, string> alias)
    {
        var r = rotation.GetProperty("Recurrence");
        var form = new RotationForm
        {
            Members = string.Join("\n", Contacts.PlanForm.Items(rotation, "ContactIds").Select(c => alias(c.GetString()!))),
            TimeZoneId = rotation.GetProperty("TimeZoneId").GetString()!,
            NumberOfOnCalls = r.GetProperty("NumberOfOnCalls").GetRawText(),
            RecurrenceMultiplier = r.GetProperty("RecurrenceMultiplier").GetRawText(),
        };
        if (Contacts.PlanForm.Items(r, "WeeklySettings").ToList() is { Count: > 0 } weekly)
        {
            form.Kind = Weekly;
            form.HandOffs = string.Join(", ", weekly.Select(w => w.GetProperty("DayOfWeek").GetString() + " " + Clock(w.GetProperty("HandOffTime"))));
        }
        else if (Contacts.PlanForm.Items(r, "MonthlySettings").ToList() is { Count: > 0 } monthly)
        {
            form.Kind = Monthly;
            form.HandOffs = string.Join(", ", monthly.Select(m => m.GetProperty("DayOfMonth").GetRawText() + " " + Clock(m.GetProperty("HandOffTime"))));
        }
        else
        {
            form.HandOffs = string.Join(", ", Contacts.PlanForm.Items(r, "DailySettings").Select(Clock));
        }
        return form;
    }

    /// RecurrenceSettings from the form, keeping the rotation's coverage; null with the reason
    /// when a hand-off cannot be read.
    public (JsonObject? Recurrence, string? Problem) Recurrence(JsonElement current)
    {
        var settings = new JsonArray();
        foreach (var part in HandOffs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var time = HandOff(words[^1]);
            if (time is null || words.Length != (Kind == Daily ? 1 : 2))
            {
                return (null, $"Hand-offs: “{part}” is not {Example}.");
            }
            settings.Add(Kind switch
            {
                Weekly => new JsonObject { ["DayOfWeek"] = words[0].ToUpperInvariant(), ["HandOffTime"] = time },
                Monthly => new JsonObject { ["DayOfMonth"] = Contacts.PlanForm.Number(words[0]), ["HandOffTime"] = time },
                _ => time,
            });
        }
        var recurrence = new JsonObject
        {
            ["NumberOfOnCalls"] = Contacts.PlanForm.Number(NumberOfOnCalls),
            ["RecurrenceMultiplier"] = Contacts.PlanForm.Number(RecurrenceMultiplier),
            [Kind switch { Weekly => "WeeklySettings", Monthly => "MonthlySettings", _ => "DailySettings" }] = settings,
        };
        if (current.TryGetProperty("ShiftCoverages", out var coverage))
        {
            recurrence["ShiftCoverages"] = JsonNode.Parse(coverage.GetRawText());
        }
        return (recurrence, null);
    }

    public string Example => Kind switch
    {
        Weekly => "a day and a time, like “MON 09:00”",
        Monthly => "a day of the month and a time, like “1 09:00”",
        _ => "a time, like “09:00”",
    };

    static JsonObject? HandOff(string text) =>
        TimeOnly.TryParseExact(text, "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new JsonObject { ["HourOfDay"] = t.Hour, ["MinuteOfHour"] = t.Minute }
            : null;

    static string Clock(JsonElement h) =>
        $"{h.GetProperty("HourOfDay").GetInt32():00}:{h.GetProperty("MinuteOfHour").GetInt32():00}";
}
