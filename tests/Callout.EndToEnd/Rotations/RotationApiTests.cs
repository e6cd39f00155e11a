using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.EndToEnd.Harness;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// docs/spec/rotations.md §1.1, §1.2, §1.5, §3.3 and §5: the rotation operations, their rules, and the
/// ONCALL_SCHEDULE contacts that hold rotations.
public sealed partial class RotationApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    const string Prefix = "Invalid value provided - ";
    static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    async Task<ApiClient> PeopleAsync()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        return client;
    }

    static Task<JsonElement> GetAsync(ApiClient client, string rotation) =>
        client.OkAsync("GetRotation", $$$"""{"RotationId":"{{{rotation}}}"}""");

    static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// A semantic check: ValidationException whose Message is the spec's text after the AWS prefix,
    /// with FIELD_VALIDATION_FAILED and a Fields entry, or OTHER (docs/spec/rotations.md §5).
    static void AssertInvalid(ApiResponse response, string message)
    {
        Assert.True(response.Type == "ValidationException", response.Text);
        Assert.Equal(Prefix + message, response.Message);
        var reason = response.Json.GetProperty("Reason").GetString();
        Assert.True(reason is "FIELD_VALIDATION_FAILED" or "OTHER", response.Text);
        if (reason == "FIELD_VALIDATION_FAILED")
        {
            Assert.NotEqual(0, response.Json.GetProperty("Fields").GetArrayLength());
        }
    }

    static void AssertNotFound(ApiResponse response, string resourceId, string resourceType)
    {
        Assert.True(response.Type == "ResourceNotFoundException", response.Text);
        Assert.Equal(resourceId, response.Json.GetProperty("ResourceId").GetString());
        Assert.Equal(resourceType, response.Json.GetProperty("ResourceType").GetString());
    }

    // --- Create, Get, Update, Delete, List ---

    [Fact]
    public async Task a_created_rotation_is_read_back_with_every_field()
    {
        var client = await PeopleAsync();
        var recurrence = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":2,"WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{"HourOfDay":9,"MinuteOfHour":0}}]}""";
        var arn = await client.CreateRotationAsync("C,A,B", Jan1, "America/Los_Angeles", recurrence, "Primary on call");
        Assert.Matches(@"^arn:aws:ssm-contacts:us-east-1:" + client.Account + @":rotation/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", arn);

        var got = await GetAsync(client, arn);
        Assert.Equal(arn, got.GetProperty("RotationArn").GetString());
        Assert.Equal("Primary on call", got.GetProperty("Name").GetString());
        Assert.Equal([client.Arn("contact/c"), client.Arn("contact/a"), client.Arn("contact/b")], Strings(got.GetProperty("ContactIds")));
        Assert.Equal(Jan1, Time(got.GetProperty("StartTime")));
        Assert.Equal("America/Los_Angeles", got.GetProperty("TimeZoneId").GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(recurrence), JsonNode.Parse(got.GetProperty("Recurrence").GetRawText())), got.GetRawText());
    }

    public static TheoryData<string> EveryRecurrenceKind => new()
    {
        """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0},{"HourOfDay":21,"MinuteOfHour":30}]}""",
        // The pair Terraform's tests use (docs/spec/rotations.md §1.2).
        """{"NumberOfOnCalls":2,"RecurrenceMultiplier":3,"WeeklySettings":[{"DayOfWeek":"WED","HandOffTime":{"HourOfDay":4,"MinuteOfHour":25}},{"DayOfWeek":"FRI","HandOffTime":{"HourOfDay":15,"MinuteOfHour":57}}]}""",
        """{"NumberOfOnCalls":1,"RecurrenceMultiplier":100,"MonthlySettings":[{"DayOfMonth":20,"HandOffTime":{"HourOfDay":8,"MinuteOfHour":0}},{"DayOfMonth":13,"HandOffTime":{"HourOfDay":12,"MinuteOfHour":34}}]}""",
        """
        {"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}],
         "ShiftCoverages":{
           "MON":[{"Start":{"HourOfDay":9,"MinuteOfHour":0},"End":{"HourOfDay":17,"MinuteOfHour":0}},{"Start":{"HourOfDay":20,"MinuteOfHour":0},"End":{"HourOfDay":22,"MinuteOfHour":0}}],
           "SAT":[{"Start":{"HourOfDay":22,"MinuteOfHour":0},"End":{"HourOfDay":6,"MinuteOfHour":0}}],
           "SUN":[{"Start":{"HourOfDay":0,"MinuteOfHour":0},"End":{"HourOfDay":0,"MinuteOfHour":0}}]}}
        """,
        """
        {"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"MonthlySettings":[{"DayOfMonth":31,"HandOffTime":{"HourOfDay":23,"MinuteOfHour":59}}],
         "ShiftCoverages":{"TUE":[{"Start":{"HourOfDay":8,"MinuteOfHour":0},"End":{"HourOfDay":8,"MinuteOfHour":30}}]}}
        """,
    };

    [Theory]
    [MemberData(nameof(EveryRecurrenceKind))]
    public async Task get_returns_the_recurrence_exactly_as_it_was_created(string recurrence)
    {
        var client = await PeopleAsync();
        var arn = await client.CreateRotationAsync("A,B,C", Jan1, "UTC", recurrence);
        var got = (await GetAsync(client, arn)).GetProperty("Recurrence").GetRawText();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(recurrence), JsonNode.Parse(got)), "sent " + recurrence + "\ngot " + got);
        var listed = (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations")[0].GetProperty("Recurrence").GetRawText();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(recurrence), JsonNode.Parse(listed)), "sent " + recurrence + "\nlisted " + listed);
    }

    [Fact]
    public async Task a_start_time_left_out_is_not_reported_but_shifts_run_from_the_request_time_to_the_second()
    {
        var client = await PeopleAsync();
        var before = Now();
        var created = await client.OkAsync("CreateRotation", $$$"""
            {"Name":"now","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}}}
            """);
        var after = Now().AddSeconds(1);
        var arn = created.GetProperty("RotationArn").GetString()!;

        // Terraform copies StartTime into state; one it never set would show as a change on every plan.
        var got = await GetAsync(client, arn);
        Assert.False(got.TryGetProperty("StartTime", out _), got.GetRawText());
        var listed = (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations").EnumerateArray().Single();
        Assert.False(listed.TryGetProperty("StartTime", out _), listed.GetRawText());

        var first = (await client.ShiftsAsync(arn, before.AddDays(-1), before.AddDays(2)))[0];
        var start = first.GetProperty("StartTime");
        Assert.True(start.TryGetInt64(out _), $"StartTime {start.GetRawText()} is not a whole second");
        Assert.InRange(Time(start), before, after);
    }

    [Fact]
    public async Task an_update_without_a_start_time_leaves_it_unreported_and_one_with_a_start_time_reports_it()
    {
        var client = await PeopleAsync();
        var arn = (await client.OkAsync("CreateRotation", $$$"""
            {"Name":"now","ContactIds":{{{client.Contacts("A,B")}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}}}
            """)).GetProperty("RotationArn").GetString()!;

        await client.OkAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","ContactIds":{{{client.Contacts("B,A")}}},"Recurrence":{{{Daily0900}}}}""");
        var got = await GetAsync(client, arn);
        Assert.False(got.TryGetProperty("StartTime", out _), got.GetRawText());
        Assert.Equal([client.Arn("contact/b"), client.Arn("contact/a")], Strings(got.GetProperty("ContactIds")));

        await client.OkAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","StartTime":{{{Epoch(Jan1)}}},"Recurrence":{{{Daily0900}}}}""");
        Assert.Equal(Jan1, Time((await GetAsync(client, arn)).GetProperty("StartTime")));
        var listed = (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations").EnumerateArray().Single();
        Assert.Equal(Jan1, Time(listed.GetProperty("StartTime")));

        // Given once, it stays given when later updates leave it out.
        await client.OkAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","Recurrence":{{{Daily0900}}}}""");
        Assert.Equal(Jan1, Time((await GetAsync(client, arn)).GetProperty("StartTime")));
    }

    [Fact]
    public async Task update_replaces_the_recurrence_whole_and_keeps_the_fields_not_sent()
    {
        var client = await PeopleAsync();
        var arn = await client.CreateRotationAsync("A,B,C", Jan1, "Europe/London",
            $$$"""{"NumberOfOnCalls":2,"RecurrenceMultiplier":3,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}],"ShiftCoverages":{{{WorkingHours}}}}""", "kept name");
        const string weekly = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[{"DayOfWeek":"TUE","HandOffTime":{"HourOfDay":10,"MinuteOfHour":15}}]}""";
        await client.OkAsync("UpdateRotation", $$$"""{"RotationId":"{{{arn}}}","Recurrence":{{{weekly}}}}""");

        var got = await GetAsync(client, arn);
        Assert.Equal("kept name", got.GetProperty("Name").GetString());
        Assert.Equal([client.Arn("contact/a"), client.Arn("contact/b"), client.Arn("contact/c")], Strings(got.GetProperty("ContactIds")));
        Assert.Equal(Jan1, Time(got.GetProperty("StartTime")));
        Assert.Equal("Europe/London", got.GetProperty("TimeZoneId").GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(weekly), JsonNode.Parse(got.GetProperty("Recurrence").GetRawText())), got.GetRawText());
    }

    [Fact]
    public async Task update_replaces_contacts_start_and_zone_when_sent_and_the_shifts_follow()
    {
        var client = await PeopleAsync();
        var arn = await client.CreateRotationAsync("A,B,C", Jan1, "UTC", Daily0900);
        var newStart = new DateTimeOffset(2024, 2, 1, 14, 0, 0, TimeSpan.Zero);
        await client.OkAsync("UpdateRotation", $$$"""
            {"RotationId":"{{{arn}}}","ContactIds":{{{client.Contacts("D,B")}}},"StartTime":{{{Epoch(newStart)}}},"TimeZoneId":"America/New_York","Recurrence":{{{Daily0900}}}}
            """);
        var got = await GetAsync(client, arn);
        Assert.Equal([client.Arn("contact/d"), client.Arn("contact/b")], Strings(got.GetProperty("ContactIds")));
        Assert.Equal(newStart, Time(got.GetProperty("StartTime")));
        Assert.Equal("America/New_York", got.GetProperty("TimeZoneId").GetString());

        // 09:00 in New York in February is 14:00 UTC.
        var shifts = await client.ShiftsAsync(arn, newStart.AddDays(-1), newStart.AddDays(2));
        Assert.Equal(
            [
                Shift(newStart, newStart.AddDays(1), "D"),
                Shift(newStart.AddDays(1), newStart.AddDays(2), "B"),
            ],
            shifts.Select(client.Describe));
    }

    [Fact]
    public async Task a_deleted_rotation_is_gone_from_get_list_and_a_second_delete()
    {
        var client = await PeopleAsync();
        var kept = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "kept");
        var arn = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "gone");
        await client.OkAsync("DeleteRotation", $$$"""{"RotationId":"{{{arn}}}"}""");

        AssertNotFound(await client.CallAsync("GetRotation", $$$"""{"RotationId":"{{{arn}}}"}"""), arn, "ROTATION");
        AssertNotFound(await client.CallAsync("DeleteRotation", $$$"""{"RotationId":"{{{arn}}}"}"""), arn, "ROTATION");
        AssertNotFound(await client.CallAsync("ListRotationShifts", ShiftsRequest(arn, Jan1, Jan1.AddDays(1))), arn, "ROTATION");
        var listed = (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations");
        Assert.Equal([kept], listed.EnumerateArray().Select(r => r.GetProperty("RotationArn").GetString()));
    }

    [Fact]
    public async Task an_unknown_rotation_is_not_found_by_every_operation()
    {
        var client = await PeopleAsync();
        var ghost = client.Arn("rotation/" + Guid.NewGuid());
        AssertNotFound(await client.CallAsync("GetRotation", $$$"""{"RotationId":"{{{ghost}}}"}"""), ghost, "ROTATION");
        AssertNotFound(await client.CallAsync("UpdateRotation", $$$"""{"RotationId":"{{{ghost}}}","Recurrence":{{{Daily0900}}}}"""), ghost, "ROTATION");
        AssertNotFound(await client.CallAsync("DeleteRotation", $$$"""{"RotationId":"{{{ghost}}}"}"""), ghost, "ROTATION");
        AssertNotFound(await client.CallAsync("ListRotationShifts", ShiftsRequest(ghost, Jan1, Jan1.AddDays(1))), ghost, "ROTATION");
        AssertNotFound(await client.CallAsync("CreateRotationOverride", $$$"""
            {"RotationId":"{{{ghost}}}","NewContactIds":[],"StartTime":{{{Epoch(Now().AddDays(1))}}},"EndTime":{{{Epoch(Now().AddDays(2))}}}}
            """), ghost, "ROTATION");
    }

    [Fact]
    public async Task a_rotation_of_another_account_is_not_found()
    {
        var owner = await PeopleAsync();
        var arn = await owner.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        var stranger = fixture.NewClient();
        Assert.Equal("ResourceNotFoundException", (await stranger.CallAsync("GetRotation", $$$"""{"RotationId":"{{{arn}}}"}""")).Type);
    }

    [Fact]
    public async Task list_rotations_filters_by_a_case_sensitive_name_prefix_and_sorts_by_name_then_arn()
    {
        var client = await PeopleAsync();
        var alpha = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "Team Alpha");
        var beta1 = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "Team Beta");
        var beta2 = await client.CreateRotationAsync("B", Jan1, "UTC", Daily0900, "Team Beta");
        var lower = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "team lower");
        var other = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "Other");
        var betas = new[] { beta1, beta2 }.Order(StringComparer.Ordinal).ToArray();

        var all = (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations");
        Assert.Equal([other, alpha, betas[0], betas[1], lower], all.EnumerateArray().Select(r => r.GetProperty("RotationArn").GetString()));
        Assert.Equal(["Other", "Team Alpha", "Team Beta", "Team Beta", "team lower"], all.EnumerateArray().Select(r => r.GetProperty("Name").GetString()));

        var team = (await client.OkAsync("ListRotations", """{"RotationNamePrefix":"Team "}""")).GetProperty("Rotations");
        Assert.Equal([alpha, betas[0], betas[1]], team.EnumerateArray().Select(r => r.GetProperty("RotationArn").GetString()));

        // Full items, like GetRotation.
        var first = team[0];
        Assert.Equal([client.Arn("contact/a")], Strings(first.GetProperty("ContactIds")));
        Assert.Equal(Jan1, Time(first.GetProperty("StartTime")));
        Assert.Equal("UTC", first.GetProperty("TimeZoneId").GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Daily0900), JsonNode.Parse(first.GetProperty("Recurrence").GetRawText())));
    }

    [Fact]
    public async Task list_rotations_pages_one_at_a_time_through_names_with_spaces()
    {
        var client = await PeopleAsync();
        var names = new[] { "night shift", "day shift", "day shift", "a b c", "weekend  crew" };
        foreach (var name in names)
        {
            await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, name);
        }
        var whole = (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations").EnumerateArray().Select(r => r.GetProperty("RotationArn").GetString()).ToList();
        Assert.Equal(5, whole.Count);

        var paged = new List<string?>();
        string? token = null;
        do
        {
            var page = await client.OkAsync("ListRotations", token is null ? """{"MaxResults":1}""" : $$$"""{"MaxResults":1,"NextToken":"{{{token}}}"}""");
            Assert.Equal(1, page.GetProperty("Rotations").GetArrayLength());
            paged.Add(page.GetProperty("Rotations")[0].GetProperty("RotationArn").GetString());
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        Assert.Equal(whole, paged);

        var prefixed = await client.AllPagesAsync("ListRotations", """{"MaxResults":1,"RotationNamePrefix":"day shift"}""", "Rotations");
        Assert.Equal(["day shift", "day shift"], prefixed.Select(r => r.GetProperty("Name").GetString()));
    }

    // --- Idempotency and tags ---

    [Fact]
    public async Task a_create_retried_with_its_idempotency_token_makes_one_rotation()
    {
        var client = await PeopleAsync();
        var body = $$$"""
            {"Name":"once","ContactIds":{{{client.Contacts("A,B")}}},"StartTime":{{{Epoch(Jan1)}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}},"IdempotencyToken":"terraform-20240101"}
            """;
        var first = (await client.OkAsync("CreateRotation", body)).GetProperty("RotationArn").GetString();
        var retry = (await client.OkAsync("CreateRotation", body)).GetProperty("RotationArn").GetString();
        Assert.Equal(first, retry);
        Assert.Equal(1, (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations").GetArrayLength());
    }

    [Fact]
    public async Task the_same_idempotency_token_on_a_different_create_is_a_validation_error()
    {
        // docs/spec/protocol.md §7: CreateRotation models no ConflictException, so a reused token with
        // another request is a ValidationException with Reason OTHER.
        var client = await PeopleAsync();
        await client.OkAsync("CreateRotation", $$$"""
            {"Name":"one","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}},"IdempotencyToken":"shared"}
            """);
        var response = await client.CallAsync("CreateRotation", $$$"""
            {"Name":"two","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}},"IdempotencyToken":"shared"}
            """);
        Assert.True(response.Type == "ValidationException", response.Text);
        Assert.Equal("OTHER", response.Json.GetProperty("Reason").GetString());
        Assert.Equal(["one"], (await client.OkAsync("ListRotations", "{}")).GetProperty("Rotations").EnumerateArray().Select(r => r.GetProperty("Name").GetString()));
    }

    static async Task<Dictionary<string, string>> TagsAsync(ApiClient client, string arn) =>
        (await client.OkAsync("ListTagsForResource", $$$"""{"ResourceARN":"{{{arn}}}"}"""))
            .GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);

    [Fact]
    public async Task a_rotation_takes_tags_at_creation_and_through_the_tag_operations()
    {
        var client = await PeopleAsync();
        var created = await client.OkAsync("CreateRotation", $$$"""
            {"Name":"tagged","ContactIds":{{{client.Contacts("A")}}},"TimeZoneId":"UTC","Recurrence":{{{Daily0900}}},"Tags":[{"Key":"team","Value":"sre"},{"Key":"tier","Value":"1"}]}
            """);
        var arn = created.GetProperty("RotationArn").GetString()!;
        Assert.Equal(new Dictionary<string, string> { ["team"] = "sre", ["tier"] = "1" }, await TagsAsync(client, arn));

        await client.OkAsync("TagResource", $$$"""{"ResourceARN":"{{{arn}}}","Tags":[{"Key":"team","Value":"platform"},{"Key":"env","Value":"prod"}]}""");
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform", ["tier"] = "1", ["env"] = "prod" }, await TagsAsync(client, arn));

        await client.OkAsync("UntagResource", $$$"""{"ResourceARN":"{{{arn}}}","TagKeys":["tier","absent"]}""");
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform", ["env"] = "prod" }, await TagsAsync(client, arn));

        await client.OkAsync("DeleteRotation", $$$"""{"RotationId":"{{{arn}}}"}""");
        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("ListTagsForResource", $$$"""{"ResourceARN":"{{{arn}}}"}""")).Type);
    }
}
