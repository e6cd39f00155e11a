using System.Text.Json;
using Callout.EndToEnd.Harness;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// docs/spec/rotations.md §1.3, §3.1, §3.3 and §5: overrides, and how ListRotationShifts pages and
/// clips the shifts they make.
public sealed class OverrideApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    const string Prefix = "Invalid value provided - ";
    static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// Contacts a–d and a daily 09:00 UTC rotation of A, B, C that started on 2024-01-01.
    async Task<(ApiClient Client, string Rotation)> RotationAsync()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        return (client, await client.CreateRotationAsync("A,B,C", Jan1, "UTC", Daily0900));
    }

    /// Midnight UTC two days from now: every time built on it is in the future.
    static DateTimeOffset Day0 => new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(2);

    static string OverrideRequest(ApiClient client, string rotation, string letters, DateTimeOffset start, DateTimeOffset end) => $$$"""
        {"RotationId":"{{{rotation}}}","NewContactIds":{{{client.Contacts(letters)}}},"StartTime":{{{Epoch(start)}}},"EndTime":{{{Epoch(end)}}}}
        """;

    static string OverridesRequest(string rotation, DateTimeOffset from, DateTimeOffset to, int? maxResults = null) =>
        $$$"""{"RotationId":"{{{rotation}}}","StartTime":{{{Epoch(from)}}},"EndTime":{{{Epoch(to)}}}{{{(maxResults is { } m ? ",\"MaxResults\":" + m : "")}}}}""";

    static async Task<string[]> OverrideIdsAsync(ApiClient client, string rotation, DateTimeOffset from, DateTimeOffset to, int? maxResults = null) =>
        (await client.AllPagesAsync("ListRotationOverrides", OverridesRequest(rotation, from, to, maxResults), "RotationOverrides"))
            .Select(o => o.GetProperty("RotationOverrideId").GetString()!).ToArray();

    static void AssertInvalid(ApiResponse response, string message)
    {
        Assert.True(response.Type == "ValidationException", response.Text);
        Assert.Equal(Prefix + message, response.Message);
    }

    static void AssertNotFound(ApiResponse response, string resourceId, string resourceType)
    {
        Assert.True(response.Type == "ResourceNotFoundException", response.Text);
        Assert.Equal(resourceId, response.Json.GetProperty("ResourceId").GetString());
        Assert.Equal(resourceType, response.Json.GetProperty("ResourceType").GetString());
    }

    static void AssertBadToken(ApiResponse response)
    {
        Assert.True(response.Type == "ValidationException", response.Text);
        Assert.StartsWith("Invalid NextToken", response.Message, StringComparison.Ordinal);
    }

    // --- Create, Get, Delete, List ---

    [Fact]
    public async Task an_override_is_read_back_with_every_field()
    {
        var (client, rotation) = await RotationAsync();
        var start = Day0.AddHours(12);
        var before = Now();
        var id = await client.CreateOverrideAsync(rotation, "C,A", start, start.AddHours(6));
        var after = Now().AddSeconds(1);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);

        var got = await client.OkAsync("GetRotationOverride", $$$"""{"RotationId":"{{{rotation}}}","RotationOverrideId":"{{{id}}}"}""");
        Assert.Equal(id, got.GetProperty("RotationOverrideId").GetString());
        Assert.Equal(rotation, got.GetProperty("RotationArn").GetString());
        Assert.Equal([client.Arn("contact/c"), client.Arn("contact/a")], got.GetProperty("NewContactIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(start, Time(got.GetProperty("StartTime")));
        Assert.Equal(start.AddHours(6), Time(got.GetProperty("EndTime")));
        Assert.InRange(Time(got.GetProperty("CreateTime")), before, after);
    }

    [Fact]
    public async Task list_overrides_returns_those_overlapping_the_window_unclipped_by_start_then_creation()
    {
        var (client, rotation) = await RotationAsync();
        var d = Day0;
        var o1 = await client.CreateOverrideAsync(rotation, "A", d.AddDays(1), d.AddDays(2));
        var o2 = await client.CreateOverrideAsync(rotation, "B", d.AddDays(3), d.AddDays(4));
        var o3 = await client.CreateOverrideAsync(rotation, "C", d.AddDays(1).AddHours(12), d.AddDays(5));
        var o4 = await client.CreateOverrideAsync(rotation, "B", d.AddDays(1), d.AddDays(1).AddHours(6));

        // Half-open windows: o1 ends where the query starts, o2 starts where it ends.
        Assert.Equal([o3], await OverrideIdsAsync(client, rotation, d.AddDays(2), d.AddDays(3)));
        Assert.Equal([o1, o4, o3, o2], await OverrideIdsAsync(client, rotation, d.AddDays(1), d.AddDays(4)));
        Assert.Equal([o1, o4, o3, o2], await OverrideIdsAsync(client, rotation, d, d.AddDays(10), maxResults: 1));
        Assert.Empty(await OverrideIdsAsync(client, rotation, d, d.AddDays(1)));

        var listed = await client.AllPagesAsync("ListRotationOverrides", OverridesRequest(rotation, d.AddDays(4).AddHours(1), d.AddDays(4).AddHours(2)), "RotationOverrides");
        var only = Assert.Single(listed);
        Assert.Equal(o3, only.GetProperty("RotationOverrideId").GetString());
        Assert.Equal(d.AddDays(1).AddHours(12), Time(only.GetProperty("StartTime")));
        Assert.Equal(d.AddDays(5), Time(only.GetProperty("EndTime")));
        Assert.Equal([client.Arn("contact/c")], only.GetProperty("NewContactIds").EnumerateArray().Select(e => e.GetString()));
        Assert.True(only.TryGetProperty("CreateTime", out _));
    }

    [Fact]
    public async Task list_overrides_pages_one_at_a_time()
    {
        var (client, rotation) = await RotationAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.CreateOverrideAsync(rotation, "A", Day0.AddDays(i), Day0.AddDays(i).AddHours(1)));
        }
        var first = await client.OkAsync("ListRotationOverrides", OverridesRequest(rotation, Day0, Day0.AddDays(5), 1));
        Assert.Equal(1, first.GetProperty("RotationOverrides").GetArrayLength());
        Assert.True(first.TryGetProperty("NextToken", out _));
        Assert.Equal(ids, await OverrideIdsAsync(client, rotation, Day0, Day0.AddDays(5), maxResults: 1));
        var exact = await client.OkAsync("ListRotationOverrides", OverridesRequest(rotation, Day0, Day0.AddDays(5), 3));
        Assert.False(exact.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task a_deleted_override_is_gone_and_its_shifts_are_regular_again()
    {
        var (client, rotation) = await RotationAsync();
        var id = await client.CreateOverrideAsync(rotation, "B", Day0.AddHours(10), Day0.AddHours(12));
        await client.OkAsync("DeleteRotationOverride", $$$"""{"RotationId":"{{{rotation}}}","RotationOverrideId":"{{{id}}}"}""");
        AssertNotFound(await client.CallAsync("GetRotationOverride", $$$"""{"RotationId":"{{{rotation}}}","RotationOverrideId":"{{{id}}}"}"""), id, "ROTATION_OVERRIDE");
        AssertNotFound(await client.CallAsync("DeleteRotationOverride", $$$"""{"RotationId":"{{{rotation}}}","RotationOverrideId":"{{{id}}}"}"""), id, "ROTATION_OVERRIDE");
        Assert.Empty(await OverrideIdsAsync(client, rotation, Day0, Day0.AddDays(1)));
        Assert.All(await client.ShiftsAsync(rotation, Day0, Day0.AddDays(1)), s => Assert.Equal("REGULAR", s.GetProperty("Type").GetString()));
    }

    [Fact]
    public async Task an_unknown_override_or_one_of_another_rotation_is_not_found()
    {
        var (client, rotation) = await RotationAsync();
        var other = await client.CreateRotationAsync("A,B", Jan1, "UTC", Daily0900, "other");
        var id = await client.CreateOverrideAsync(other, "A", Day0, Day0.AddHours(1));
        var ghost = Guid.NewGuid().ToString();
        foreach (var (rot, overrideId) in new[] { (rotation, ghost), (rotation, id) })
        {
            var body = $$$"""{"RotationId":"{{{rot}}}","RotationOverrideId":"{{{overrideId}}}"}""";
            AssertNotFound(await client.CallAsync("GetRotationOverride", body), overrideId, "ROTATION_OVERRIDE");
            AssertNotFound(await client.CallAsync("DeleteRotationOverride", body), overrideId, "ROTATION_OVERRIDE");
        }
        // The override is still there for its own rotation.
        await client.OkAsync("GetRotationOverride", $$$"""{"RotationId":"{{{other}}}","RotationOverrideId":"{{{id}}}"}""");
        var missingRotation = client.Arn("rotation/" + Guid.NewGuid());
        AssertNotFound(await client.CallAsync("ListRotationOverrides", OverridesRequest(missingRotation, Day0, Day0.AddDays(1))), missingRotation, "ROTATION");
        AssertNotFound(await client.CallAsync("GetRotationOverride", $$$"""{"RotationId":"{{{missingRotation}}}","RotationOverrideId":"{{{id}}}"}"""), missingRotation, "ROTATION");
    }

    [Fact]
    public async Task deleting_a_running_override_restores_the_regular_team()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        // Two on call out of two: the regular team is always A,B whatever the hand-offs.
        var rotation = await client.CreateRotationAsync("A,B", Jan1, "UTC",
            """{"NumberOfOnCalls":2,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}""");
        var now = Now();
        var (from, to) = (now.AddHours(-1), now.AddHours(2));
        var id = await client.CreateOverrideAsync(rotation, "B", from, to);

        var overridden = await client.ShiftsAsync(rotation, from, to);
        Assert.NotEmpty(overridden);
        Assert.All(overridden, s => Assert.EndsWith(" O(A,B)", client.Describe(s), StringComparison.Ordinal));
        Assert.All(overridden, s => Assert.StartsWith("B ", client.Describe(s), StringComparison.Ordinal));
        AssertContiguous(overridden, from, to);

        await client.OkAsync("DeleteRotationOverride", $$$"""{"RotationId":"{{{rotation}}}","RotationOverrideId":"{{{id}}}"}""");
        var regular = await client.ShiftsAsync(rotation, from, to);
        Assert.All(regular, s => Assert.Matches("^A,B .* R$", client.Describe(s)));
        AssertContiguous(regular, from, to);
    }

    static void AssertContiguous(List<JsonElement> shifts, DateTimeOffset from, DateTimeOffset to)
    {
        Assert.Equal(from, Time(shifts[0].GetProperty("StartTime")));
        Assert.Equal(to, Time(shifts[^1].GetProperty("EndTime")));
        for (var i = 1; i < shifts.Count; i++)
        {
            Assert.Equal(Time(shifts[i - 1].GetProperty("EndTime")), Time(shifts[i].GetProperty("StartTime")));
        }
    }

    [Fact]
    public async Task an_override_survives_a_rotation_update_that_removes_its_contact()
    {
        // docs/spec/rotations.md §3.3: overrides are kept even when they name contacts who were removed.
        var (client, rotation) = await RotationAsync();
        var t = VectorTime.NearFuture();
        await client.OkAsync("UpdateRotation", $$$"""
            {"RotationId":"{{{rotation}}}","StartTime":{{{Epoch(t.At("01-01T09:00"))}}},"Recurrence":{{{Daily0900}}}}
            """);
        await client.CreateOverrideAsync(rotation, "C", t.At("01-01T12:00"), t.At("01-01T18:00"));
        await client.OkAsync("UpdateRotation", $$$"""
            {"RotationId":"{{{rotation}}}","ContactIds":{{{client.Contacts("A,B")}}},"Recurrence":{{{Daily0900}}}}
            """);
        Assert.Equal(
            [
                t.Shift("A", "01-01T09:00", "01-01T12:00"),
                t.Shift("C", "01-01T12:00", "01-01T18:00", overridden: "A"),
                t.Shift("A", "01-01T18:00", "01-02T09:00"),
                t.Shift("B", "01-02T09:00", "01-03T09:00"),
            ],
            (await client.ShiftsAsync(rotation, t.At("01-01T09:00"), t.At("01-03T09:00"))).Select(client.Describe));
    }

    // --- Rules (docs/spec/rotations.md §5) ---

    public static TheoryData<string, string, string, string> BadOverrides => new()
    {
        // members, start and end (offsets from now: m minutes, h hours, d days), message
        { "C", "24h", "24h", "EndTime must be after StartTime" },
        { "C", "24h", "23h", "EndTime must be after StartTime" },
        { "C", "24h", "1469m", "An override must be at least 30 minutes long" },
        { "C", "-3h", "-1h", "Cannot create an override in the past" },
        { "C", "24h", "200d", "Overrides can only be created up to 6 months in the future" },
        { "C", "190d", "191d", "Overrides can only be created up to 6 months in the future" },
        { "D", "24h", "26h", "Override contacts must be members of the rotation" },
        { "A,GHOST", "24h", "26h", "Override contacts must be members of the rotation" },
        { "A,B,A", "24h", "26h", "Override contacts must be unique" },
    };

    static DateTimeOffset Offset(DateTimeOffset now, string text) => text[^1] switch
    {
        'm' => now.AddMinutes(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        'h' => now.AddHours(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => now.AddDays(int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
    };

    [Theory]
    [MemberData(nameof(BadOverrides))]
    public async Task a_bad_override_is_rejected_and_nothing_is_created(string members, string start, string end, string message)
    {
        var (client, rotation) = await RotationAsync();
        var now = Now();
        AssertInvalid(await client.CallAsync("CreateRotationOverride", OverrideRequest(client, rotation, members, Offset(now, start), Offset(now, end))), message);
        Assert.Empty(await OverrideIdsAsync(client, rotation, now.AddDays(-1), now.AddDays(365)));
    }

    [Fact]
    public async Task an_override_must_end_after_the_rotation_starts()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var start = Day0.AddDays(30).AddHours(9);
        var rotation = await client.CreateRotationAsync("A,B", start, "UTC", Daily0900);
        AssertInvalid(await client.CallAsync("CreateRotationOverride", OverrideRequest(client, rotation, "A", Day0, Day0.AddDays(1))),
            "Override must overlap the rotation's active period");
        AssertInvalid(await client.CallAsync("CreateRotationOverride", OverrideRequest(client, rotation, "A", start.AddHours(-2), start)),
            "Override must overlap the rotation's active period");
        // One that starts before the rotation and ends after its start is cut to the start.
        await client.CreateOverrideAsync(rotation, "B", start.AddHours(-2), start.AddHours(1));
        Assert.Equal(
            [Shift(start, start.AddHours(1), "B", overridden: "A"), Shift(start.AddHours(1), start.AddDays(1), "A")],
            (await client.ShiftsAsync(rotation, start.AddDays(-1), start.AddDays(1))).Select(client.Describe));
    }

    [Fact]
    public async Task the_limits_of_an_override_are_accepted()
    {
        var (client, rotation) = await RotationAsync();
        var now = Now();
        // Exactly 30 minutes; already running; empty; ending 170 days ahead (inside 6 months).
        await client.CreateOverrideAsync(rotation, "C", now.AddHours(24), now.AddHours(24).AddMinutes(30));
        await client.CreateOverrideAsync(rotation, "C,B", now.AddHours(-5), now.AddHours(1));
        await client.CreateOverrideAsync(rotation, "", now.AddDays(3), now.AddDays(4));
        await client.CreateOverrideAsync(rotation, "A,B,C", now.AddDays(169), now.AddDays(170));
        Assert.Equal(4, (await OverrideIdsAsync(client, rotation, now.AddDays(-1), now.AddDays(365))).Length);
    }

    [Fact]
    public async Task an_override_create_retried_with_its_idempotency_token_makes_one_override()
    {
        var (client, rotation) = await RotationAsync();
        var body = $$$"""
            {"RotationId":"{{{rotation}}}","NewContactIds":{{{client.Contacts("B")}}},"StartTime":{{{Epoch(Day0)}}},"EndTime":{{{Epoch(Day0.AddHours(2))}}},"IdempotencyToken":"retry-me"}
            """;
        var first = (await client.OkAsync("CreateRotationOverride", body)).GetProperty("RotationOverrideId").GetString();
        var again = (await client.OkAsync("CreateRotationOverride", body)).GetProperty("RotationOverrideId").GetString();
        Assert.Equal(first, again);
        Assert.Equal([first!], await OverrideIdsAsync(client, rotation, Day0, Day0.AddDays(1)));

        var different = await client.CallAsync("CreateRotationOverride", $$$"""
            {"RotationId":"{{{rotation}}}","NewContactIds":{{{client.Contacts("C")}}},"StartTime":{{{Epoch(Day0)}}},"EndTime":{{{Epoch(Day0.AddHours(2))}}},"IdempotencyToken":"retry-me"}
            """);
        Assert.True(different.Type == "ValidationException", different.Text);
        Assert.Equal("OTHER", different.Json.GetProperty("Reason").GetString());
        Assert.Equal([first!], await OverrideIdsAsync(client, rotation, Day0, Day0.AddDays(1)));
    }

    // --- ListRotationShifts: pages, tokens and windows (docs/spec/rotations.md §3.1) ---

    [Fact]
    public async Task shifts_page_two_at_a_time_across_overrides()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var t = VectorTime.NearFuture();
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900);
        await client.CreateOverrideAsync(rotation, "C", t.At("01-01T18:00"), t.At("01-02T12:00"));
        var (from, to) = (t.At("01-01T09:00"), t.At("01-04T09:00"));

        var sizes = new List<int>();
        var shifts = new List<JsonElement>();
        string? token = null;
        do
        {
            var body = ShiftsRequest(rotation, from, to, 2);
            var page = await client.OkAsync("ListRotationShifts", token is null ? body : body[..^1] + $",\"NextToken\":\"{token}\"}}");
            sizes.Add(page.GetProperty("RotationShifts").GetArrayLength());
            shifts.AddRange(page.GetProperty("RotationShifts").EnumerateArray().Select(e => e.Clone()));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(
            [
                t.Shift("A", "01-01T09:00", "01-01T18:00"),
                t.Shift("C", "01-01T18:00", "01-02T09:00", overridden: "A"),
                t.Shift("C", "01-02T09:00", "01-02T12:00", overridden: "B"),
                t.Shift("B", "01-02T12:00", "01-03T09:00"),
                t.Shift("C", "01-03T09:00", "01-04T09:00"),
            ],
            shifts.Select(client.Describe));
    }

    [Fact]
    public async Task a_shifts_token_only_works_for_the_query_it_came_from()
    {
        var (client, rotation) = await RotationAsync();
        var other = await client.CreateRotationAsync("A,B", Jan1, "UTC", Daily0900, "other");
        var (from, to) = (Jan1, Jan1.AddDays(5));
        var token = (await client.OkAsync("ListRotationShifts", ShiftsRequest(rotation, from, to, 1))).GetProperty("NextToken").GetString();

        string With(string body) => body[..^1] + $",\"NextToken\":\"{token}\"}}";
        AssertBadToken(await client.CallAsync("ListRotationShifts", With(ShiftsRequest(rotation, from, to.AddDays(1), 1))));
        AssertBadToken(await client.CallAsync("ListRotationShifts", With(ShiftsRequest(rotation, from.AddHours(1), to, 1))));
        AssertBadToken(await client.CallAsync("ListRotationShifts", With(ShiftsRequest(other, from, to, 1))));
        AssertBadToken(await client.CallAsync("ListRotationOverrides", With(OverridesRequest(rotation, from, to, 1))));
        AssertBadToken(await client.CallAsync("ListRotationShifts", ShiftsRequest(rotation, from, to, 1)[..^1] + ",\"NextToken\":\"garbage\"}"));

        // The same query goes on.
        var second = await client.OkAsync("ListRotationShifts", With(ShiftsRequest(rotation, from, to, 1)));
        Assert.Equal(Shift(Jan1.AddDays(1), Jan1.AddDays(2), "B"), client.Describe(second.GetProperty("RotationShifts")[0]));
    }

    [Fact]
    public async Task the_next_page_may_leave_out_the_start_time_the_token_holds()
    {
        // docs/spec/rotations.md §3.1: with a NextToken, qs and qe come from the token; only an explicit
        // StartTime or EndTime that differs from it is an error.
        var (client, rotation) = await RotationAsync();
        var (from, to) = (Jan1, Jan1.AddDays(5));
        var token = (await client.OkAsync("ListRotationShifts", ShiftsRequest(rotation, from, to, 1))).GetProperty("NextToken").GetString();
        var second = await client.CallAsync("ListRotationShifts", ShiftsRequest(rotation, null, to, 1)[..^1] + $",\"NextToken\":\"{token}\"}}");
        Assert.True(second.Status == 200, second.Text);
        Assert.Equal(Shift(Jan1.AddDays(1), Jan1.AddDays(2), "B"), client.Describe(second.Json.GetProperty("RotationShifts")[0]));
    }

    [Fact]
    public async Task a_window_that_ends_before_it_starts_is_rejected()
    {
        var (client, rotation) = await RotationAsync();
        foreach (var end in new[] { Jan1, Jan1.AddHours(-1) })
        {
            AssertInvalid(await client.CallAsync("ListRotationShifts", ShiftsRequest(rotation, Jan1, end)), "EndTime must be after StartTime");
            AssertInvalid(await client.CallAsync("ListRotationOverrides", OverridesRequest(rotation, Jan1, end)), "EndTime must be after StartTime");
            AssertInvalid(await client.CallAsync("ListPreviewRotationShifts", PreviewRequest("A", Jan1, "UTC", Daily0900, Jan1, end)), "EndTime must be after StartTime");
        }
        // Also when the whole window lies before the rotation's start.
        var later = await client.CreateRotationAsync("A", Jan1.AddDays(30), "UTC", Daily0900, "later");
        AssertInvalid(await client.CallAsync("ListRotationShifts", ShiftsRequest(later, Jan1.AddDays(2), Jan1.AddDays(1))), "EndTime must be after StartTime");
    }

    [Fact]
    public async Task a_window_before_a_future_rotation_start_gives_shifts_from_the_start_only()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var start = Day0.AddDays(3).AddHours(9);
        var rotation = await client.CreateRotationAsync("A,B", start, "UTC", Daily0900);
        Assert.Equal(
            [Shift(start, start.AddDays(1), "A"), Shift(start.AddDays(1), start.AddDays(1).AddHours(3), "B")],
            (await client.ShiftsAsync(rotation, Day0, start.AddDays(1).AddHours(3))).Select(client.Describe));

        var before = await client.OkAsync("ListRotationShifts", ShiftsRequest(rotation, Day0, start));
        Assert.Equal(0, before.GetProperty("RotationShifts").GetArrayLength());
        Assert.False(before.TryGetProperty("NextToken", out _));
        // No StartTime: from now, so from the rotation's start too.
        Assert.Equal(
            [Shift(start, start.AddDays(1), "A")],
            (await client.ShiftsAsync(rotation, null, start.AddDays(1))).Select(client.Describe));
    }

    [Fact]
    public async Task a_window_without_a_start_time_starts_now()
    {
        var (client, rotation) = await RotationAsync();
        var before = Now();
        var shifts = await client.ShiftsAsync(rotation, null, before.AddDays(3));
        var after = DateTimeOffset.UtcNow;
        Assert.InRange(Time(shifts[0].GetProperty("StartTime")), before, after);
        Assert.Equal(before.AddDays(3), Time(shifts[^1].GetProperty("EndTime")));
        Assert.InRange(shifts.Count, 3, 4);
    }
}
