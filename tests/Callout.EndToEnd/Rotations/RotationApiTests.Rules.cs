using System.Text.Json.Nodes;
using Callout.EndToEnd.Harness;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// docs/spec/rotations.md §1.2 and §5: what CreateRotation, UpdateRotation and ListPreviewRotationShifts reject.
public sealed partial class RotationApiTests
{
    // --- Rules (docs/spec/rotations.md §5) ---

    static string Hand(int hour, int minute) => $$$"""{"HourOfDay":{{{hour}}},"MinuteOfHour":{{{minute}}}}""";

    const string ExactlyOne = "Exactly one of DailySettings, WeeklySettings or MonthlySettings must be specified";
    const string TooMany = "Recurrence settings contain too many or duplicate hand-off times";

    public static TheoryData<string, string> BadRecurrences => new()
    {
        { """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1}""", ExactlyOne },
        { """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[],"WeeklySettings":[],"MonthlySettings":[]}""", ExactlyOne },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],"WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{{{Hand(9, 0)}}}}]}""", ExactlyOne },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{{{Hand(9, 0)}}}}],"MonthlySettings":[{"DayOfMonth":1,"HandOffTime":{{{Hand(9, 0)}}}}]}""", ExactlyOne },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{string.Join(",", Enumerable.Range(0, 49).Select(i => Hand(0, i)))}}}]}""", TooMany },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}},{{{Hand(9, 0)}}}]}""", TooMany },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{{{Hand(9, 0)}}}},{"DayOfWeek":"MON","HandOffTime":{{{Hand(9, 0)}}}}]}""", TooMany },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"MonthlySettings":[{"DayOfMonth":5,"HandOffTime":{{{Hand(9, 0)}}}},{"DayOfMonth":5,"HandOffTime":{{{Hand(9, 0)}}}}]}""", TooMany },
        { $$$"""{"NumberOfOnCalls":4,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}]}""", "NumberOfOnCalls cannot exceed the number of contacts in the rotation" },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],"ShiftCoverages":{"MON":[]}}""", "Invalid shift coverage for MON" },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],"ShiftCoverages":{"TUE":[{"Start":{{{Hand(9, 0)}}}}]}}""", "Invalid shift coverage for TUE" },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],"ShiftCoverages":{"THU":[{"End":{{{Hand(17, 0)}}}}]}}""", "Invalid shift coverage for THU" },
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],"ShiftCoverages":{"WED":[{"Start":{{{Hand(9, 0)}}},"End":{{{Hand(9, 29)}}}}]}}""", "Invalid shift coverage for WED" },
        // A window that ends just after midnight is 29 minutes long too.
        { $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],"ShiftCoverages":{"SUN":[{"Start":{{{Hand(23, 45)}}},"End":{{{Hand(0, 14)}}}}]}}""", "Invalid shift coverage for SUN" },
    };

    [Theory]
    [MemberData(nameof(BadRecurrences))]
    public async Task a_bad_recurrence_is_rejected_by_create_update_and_preview(string recurrence, string message)
    {
        var client = await PeopleAsync();
        AssertInvalid(await client.CallAsync("CreateRotation", $$$"""
            {"Name":"bad","ContactIds":{{{client.Contacts("A,B,C")}}},"StartTime":{{{Epoch(Jan1)}}},"TimeZoneId":"UTC","Recurrence":{{{recurrence}}}}
            """), message);
        var arn = await client.CreateRotationAsync("A,B,C", Jan1, "UTC", Daily0900);
        AssertInvalid(await client.CallAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","Recurrence":{{{recurrence}}}}"""), message);
        AssertInvalid(await client.CallAsync("ListPreviewRotationShifts", PreviewRequest("A,B,C", Jan1, "UTC", recurrence, Jan1, Jan1.AddDays(2))), message);
        Assert.Equal([arn], (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations").EnumerateArray().Select(r => r.GetProperty("RotationArn").GetString()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Daily0900), JsonNode.Parse((await GetAsync(client, arn)).GetProperty("Recurrence").GetRawText())));
    }

    [Fact]
    public async Task the_limits_themselves_are_accepted()
    {
        var client = await PeopleAsync();
        // 48 hand-offs, NumberOfOnCalls equal to the contacts, a 30-minute and a 24-hour window, and an
        // empty settings list next to the one used (an empty list counts as absent).
        var recurrence = $$$"""
            {"NumberOfOnCalls":3,"RecurrenceMultiplier":1,"WeeklySettings":[],
             "DailySettings":[{{{string.Join(",", Enumerable.Range(0, 48).Select(i => Hand(i / 2, i % 2 * 30)))}}}],
             "ShiftCoverages":{"MON":[{"Start":{{{Hand(9, 0)}}},"End":{{{Hand(9, 30)}}}}],"TUE":[{"Start":{{{Hand(23, 45)}}},"End":{{{Hand(0, 15)}}}}],"SAT":[{"Start":{{{Hand(5, 0)}}},"End":{{{Hand(5, 0)}}}}]}}
            """;
        var arn = await client.CreateRotationAsync("A,B,C", Jan1, "UTC", recurrence);
        await client.OkAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","Recurrence":{{{recurrence}}}}""");
        await client.OkAsync("ListPreviewRotationShifts", PreviewRequest("A,B,C", Jan1, "UTC", recurrence, Jan1, Jan1.AddDays(2)));
    }

    [Fact]
    public async Task a_multiplier_over_100_fails_the_model_constraint_with_the_aws_wording()
    {
        var client = await PeopleAsync();
        var response = await client.CallAsync("CreateRotation", $$$"""
            {"Name":"m","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"UTC","Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":101,"DailySettings":[{{{Hand(9, 0)}}}]}}
            """);
        Assert.Equal("ValidationException", response.Type);
        Assert.Equal("1 validation error detected: Value '101' at 'recurrence.recurrenceMultiplier' failed to satisfy constraint: Member must have value less than or equal to 100", response.Message);
        Assert.Equal("FIELD_VALIDATION_FAILED", response.Json.GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task shift_coverage_keys_are_three_letter_days()
    {
        var client = await PeopleAsync();
        var recurrence = $$$"""
            {"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{{{Hand(9, 0)}}}],
             "ShiftCoverages":{"MONDAY":[{"Start":{{{Hand(9, 0)}}},"End":{{{Hand(17, 0)}}}}]}}
            """;
        var response = await client.CallAsync("CreateRotation", $$$"""
            {"Name":"m","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"UTC","Recurrence":{{{recurrence}}}}
            """);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task rotation_contacts_must_be_unique()
    {
        var client = await PeopleAsync();
        AssertInvalid(await client.CallAsync("CreateRotation", $$$"""
            {"Name":"dup","ContactIds":{{{client.Contacts("A,B,A")}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}}}
            """), "Rotation contacts must be unique");
        var arn = await client.CreateRotationAsync("A,B", Jan1, "UTC", Daily0900);
        AssertInvalid(await client.CallAsync("UpdateRotation", $$$"""
            {"RotationId":"{{{arn}}}","ContactIds":{{{client.Contacts("C,C")}}},"Recurrence":{{{Daily0900}}}}
            """), "Rotation contacts must be unique");
        AssertInvalid(await client.CallAsync("ListPreviewRotationShifts", PreviewRequest("A,B,A", Jan1, "UTC", Daily0900, Jan1, Jan1.AddDays(1))),
            "Rotation contacts must be unique");
    }

    [Fact]
    public async Task only_personal_contacts_can_be_members()
    {
        var client = await PeopleAsync();
        await client.OkAsync("CreateContact", """{"Alias":"esc","Type":"ESCALATION","Plan":{"Stages":[]}}""");
        await client.OkAsync("CreateContact", """{"Alias":"sched","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[]}}""");
        foreach (var alias in new[] { "esc", "sched" })
        {
            var members = $$$"""["{{{client.Arn("contact/a")}}}","{{{client.Arn("contact/" + alias)}}}"]""";
            AssertInvalid(await client.CallAsync("CreateRotation", $$$"""
                {"Name":"n","ContactIds":{{{members}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}}}
                """), "Only PERSONAL contacts can be added to a rotation");
            var arn = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
            AssertInvalid(await client.CallAsync("UpdateRotation", $$$"""
                {"RotationId":"{{{arn}}}","ContactIds":{{{members}}},"Recurrence":{{{Daily0900}}}}
                """), "Only PERSONAL contacts can be added to a rotation");
        }
    }

    [Fact]
    public async Task an_unknown_member_is_a_missing_contact()
    {
        var client = await PeopleAsync();
        var ghost = client.Arn("contact/ghost");
        var members = $$$"""["{{{client.Arn("contact/a")}}}","{{{ghost}}}"]""";
        AssertNotFound(await client.CallAsync("CreateRotation", $$$"""
            {"Name":"n","ContactIds":{{{members}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}}}
            """), ghost, "CONTACT");
        var arn = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        AssertNotFound(await client.CallAsync("UpdateRotation", $$$"""
            {"RotationId":"{{{arn}}}","ContactIds":{{{members}}},"Recurrence":{{{Daily0900}}}}
            """), ghost, "CONTACT");
        Assert.Equal([client.Arn("contact/a")], Strings((await GetAsync(client, arn)).GetProperty("ContactIds")));
    }

    [Theory]
    [InlineData("PST")]
    [InlineData("america/new_york")]
    [InlineData("Mars/Olympus_Mons")]
    public async Task an_unknown_time_zone_is_rejected(string zone)
    {
        var client = await PeopleAsync();
        var message = $"TimeZoneId '{zone}' is not a supported IANA time zone";
        AssertInvalid(await client.CallAsync("CreateRotation", $$$"""
            {"Name":"n","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"{{{zone}}}","Recurrence":{{{Daily0900}}}}
            """), message);
        var arn = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        AssertInvalid(await client.CallAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","TimeZoneId":"{{{zone}}}","Recurrence":{{{Daily0900}}}}"""), message);
        AssertInvalid(await client.CallAsync("ListPreviewRotationShifts", PreviewRequest("A", Jan1, zone, Daily0900, Jan1, Jan1.AddDays(1))), message);
    }
}
