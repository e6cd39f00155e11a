using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Rotations;

/// The rotation calls the rotation tests share. Shifts are compared as text written the way
/// docs/spec/rotations.md §4 writes them (`C 2024-01-01T12:00→2024-01-01T18:00 O(A)`), so a failing
/// comparison reads like the spec.
static class RotationCalls
{
    public const string Daily0900 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}""";

    /// Coverage MON–FRI 09:00–17:00, as in vector 6.
    public const string WorkingHours = """
        {"MON":[{"Start":{"HourOfDay":9,"MinuteOfHour":0},"End":{"HourOfDay":17,"MinuteOfHour":0}}],
         "TUE":[{"Start":{"HourOfDay":9,"MinuteOfHour":0},"End":{"HourOfDay":17,"MinuteOfHour":0}}],
         "WED":[{"Start":{"HourOfDay":9,"MinuteOfHour":0},"End":{"HourOfDay":17,"MinuteOfHour":0}}],
         "THU":[{"Start":{"HourOfDay":9,"MinuteOfHour":0},"End":{"HourOfDay":17,"MinuteOfHour":0}}],
         "FRI":[{"Start":{"HourOfDay":9,"MinuteOfHour":0},"End":{"HourOfDay":17,"MinuteOfHour":0}}]}
        """;

    /// Epoch seconds as the wire writes them.
    public static string Epoch(DateTimeOffset t) =>
        (t.ToUnixTimeMilliseconds() % 1000 == 0 ? t.ToUnixTimeSeconds() : t.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(JsonElement epochSeconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(epochSeconds.GetDecimal() * TimeSpan.TicksPerSecond));

    /// Now, to the whole second.
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// The spec's contacts a…d (PERSONAL), or the aliases given.
    public static async Task CreatePeopleAsync(this ApiClient client, params string[] aliases)
    {
        foreach (var alias in aliases.Length == 0 ? ["a", "b", "c", "d"] : aliases)
        {
            await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        }
    }

    /// "A,B" as a JSON array of contact ARNs (lower-case aliases); "" is [].
    public static string Contacts(this ApiClient client, string letters) =>
        "[" + string.Join(",", Split(letters).Select(l => $"\"{client.Arn("contact/" + l.ToLowerInvariant())}\"")) + "]";

    /// "A,B" as a JSON array of plain strings, the way preview members are given.
    public static string Members(string letters) => "[" + string.Join(",", Split(letters).Select(l => $"\"{l}\"")) + "]";

    public static async Task<string> CreateRotationAsync(this ApiClient client, string letters, DateTimeOffset start, string zone, string recurrence, string name = "rotation")
    {
        var created = await client.OkAsync("CreateRotation", $$$"""
            {"Name":"{{{name}}}","ContactIds":{{{client.Contacts(letters)}}},"StartTime":{{{Epoch(start)}}},"TimeZoneId":"{{{zone}}}","Recurrence":{{{recurrence}}}}
            """);
        return created.GetProperty("RotationArn").GetString()!;
    }

    public static async Task<string> CreateOverrideAsync(this ApiClient client, string rotationArn, string letters, DateTimeOffset start, DateTimeOffset end)
    {
        var created = await client.OkAsync("CreateRotationOverride", $$$"""
            {"RotationId":"{{{rotationArn}}}","NewContactIds":{{{client.Contacts(letters)}}},"StartTime":{{{Epoch(start)}}},"EndTime":{{{Epoch(end)}}}}
            """);
        return created.GetProperty("RotationOverrideId").GetString()!;
    }

    public static string ShiftsRequest(string rotationArn, DateTimeOffset? from, DateTimeOffset to, int? maxResults = null) =>
        "{\"RotationId\":\"" + rotationArn + "\"" +
        (from is { } f ? ",\"StartTime\":" + Epoch(f) : "") +
        ",\"EndTime\":" + Epoch(to) +
        (maxResults is { } m ? ",\"MaxResults\":" + m.ToString(CultureInfo.InvariantCulture) : "") + "}";

    /// Every shift of ListRotationShifts, page after page.
    public static Task<List<JsonElement>> ShiftsAsync(this ApiClient client, string rotationArn, DateTimeOffset? from, DateTimeOffset to, int? maxResults = null) =>
        client.AllPagesAsync("ListRotationShifts", ShiftsRequest(rotationArn, from, to, maxResults), "RotationShifts");

    /// A ListPreviewRotationShifts request; overrides are (new members, start, end).
    public static string PreviewRequest(string letters, DateTimeOffset? rotationStart, string zone, string recurrence, DateTimeOffset? from, DateTimeOffset to,
        params (string Members, DateTimeOffset Start, DateTimeOffset End)[] overrides) =>
        "{\"Members\":" + Members(letters) +
        (rotationStart is { } s ? ",\"RotationStartTime\":" + Epoch(s) : "") +
        (from is { } f ? ",\"StartTime\":" + Epoch(f) : "") +
        ",\"EndTime\":" + Epoch(to) +
        ",\"TimeZoneId\":\"" + zone + "\",\"Recurrence\":" + recurrence +
        (overrides.Length == 0 ? "" : ",\"Overrides\":[" + string.Join(",", overrides.Select(o =>
            $$$"""{"NewMembers":{{{Members(o.Members)}}},"StartTime":{{{Epoch(o.Start)}}},"EndTime":{{{Epoch(o.End)}}}}""")) + "]") + "}";

    /// Follows NextToken until the last page and returns the items of every page.
    public static async Task<List<JsonElement>> AllPagesAsync(this ApiClient client, string operation, string request, string listName)
    {
        var items = new List<JsonElement>();
        string? token = null;
        for (var page = 0; page < 1000; page++)
        {
            var body = JsonNode.Parse(request)!.AsObject();
            if (token is not null)
            {
                body["NextToken"] = token;
            }
            var result = await client.OkAsync(operation, body.ToJsonString());
            items.AddRange(result.GetProperty(listName).EnumerateArray().Select(e => e.Clone()));
            if (!result.TryGetProperty("NextToken", out var next))
            {
                return items;
            }
            token = next.GetString();
        }
        throw new Xunit.Sdk.XunitException($"{operation} gave a NextToken on 1000 pages in a row");
    }

    /// A shift as docs/spec/rotations.md §4 writes it: contacts by letter (a contact ARN of this account
    /// becomes its upper-case alias, anything else is kept as is), UTC times, then R or O(team).
    public static string Describe(this ApiClient client, JsonElement shift)
    {
        var contacts = Letters(client, shift.GetProperty("ContactIds"));
        var start = Text(Time(shift.GetProperty("StartTime")));
        var end = Text(Time(shift.GetProperty("EndTime")));
        var type = shift.GetProperty("Type").GetString();
        var hasDetails = shift.TryGetProperty("ShiftDetails", out var details);
        var kind = (type, hasDetails) switch
        {
            ("REGULAR", false) => "R",
            ("OVERRIDDEN", true) => $"O({Letters(client, details.GetProperty("OverriddenContactIds"))})",
            _ => $"{type}{(hasDetails ? " with ShiftDetails " + details.GetRawText() : " without ShiftDetails")}",
        };
        return $"{contacts} {start}→{end} {kind}";
    }

    /// Times of a shift as Describe writes them: to the minute, with seconds only when there are some.
    public static string Text(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerMinute == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }

    public static string Shift(DateTimeOffset start, DateTimeOffset end, string contacts, string? overridden = null) =>
        $"{(contacts.Length == 0 ? "[]" : contacts)} {Text(start)}→{Text(end)} {(overridden is null ? "R" : $"O({overridden})")}";

    static string Letters(ApiClient client, JsonElement ids)
    {
        var prefix = client.Arn("contact/");
        var letters = ids.EnumerateArray().Select(e => e.GetString()!).Select(id =>
            id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..].ToUpperInvariant() : id).ToList();
        return letters.Count == 0 ? "[]" : string.Join(",", letters);
    }

    static IEnumerable<string> Split(string letters) => letters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
