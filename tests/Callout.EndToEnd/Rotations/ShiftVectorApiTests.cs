using Callout.EndToEnd.Harness;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// Every test vector of spec/rotations.md §4 through the real API: contacts a–d, CreateRotation,
/// CreateRotationOverride, then ListRotationShifts over the vector's query window, compared shift
/// by shift (times, ContactIds, Type and ShiftDetails.OverriddenContactIds). Vectors with overrides
/// are moved into the near future by whole weeks (VectorTime).
public sealed class ShiftVectorApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    const string Daily0230 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":2,"MinuteOfHour":30}]}""";
    const string Daily0130 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":1,"MinuteOfHour":30}]}""";
    const string WeeklyMon0900 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{"HourOfDay":9,"MinuteOfHour":0}}]}""";
    const string Monthly31At1000 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"MonthlySettings":[{"DayOfMonth":31,"HandOffTime":{"HourOfDay":10,"MinuteOfHour":0}}]}""";
    const string Daily0900Times2 = """{"NumberOfOnCalls":1,"RecurrenceMultiplier":2,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}""";
    const string Daily0900TwoOnCall = """{"NumberOfOnCalls":2,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}""";
    const string Daily0800And2000TwoOnCall = """{"NumberOfOnCalls":2,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":8,"MinuteOfHour":0},{"HourOfDay":20,"MinuteOfHour":0}]}""";
    const string WedAndFri = """
        {"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[
          {"DayOfWeek":"WED","HandOffTime":{"HourOfDay":4,"MinuteOfHour":25}},
          {"DayOfWeek":"FRI","HandOffTime":{"HourOfDay":15,"MinuteOfHour":57}}]}
        """;
    const string MondayMidnightSaturdayNights = """
        {"NumberOfOnCalls":1,"RecurrenceMultiplier":1,
         "WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{"HourOfDay":0,"MinuteOfHour":0}}],
         "ShiftCoverages":{"SAT":[{"Start":{"HourOfDay":22,"MinuteOfHour":0},"End":{"HourOfDay":6,"MinuteOfHour":0}}]}}
        """;

    static readonly string Daily0900WorkingHours =
        $$$"""{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}],"ShiftCoverages":{{{WorkingHours}}}}""";

    async Task<ApiClient> PeopleAsync()
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        return client;
    }

    static async Task AssertShiftsAsync(ApiClient client, string rotation, DateTimeOffset from, DateTimeOffset to, params string[] expected) =>
        Assert.Equal(expected, (await client.ShiftsAsync(rotation, from, to)).Select(client.Describe));

    static async Task AssertPreviewAsync(ApiClient client, string request, params string[] expected) =>
        Assert.Equal(expected, (await client.AllPagesAsync("ListPreviewRotationShifts", request, "RotationShifts")).Select(client.Describe));

    [Fact]
    public async Task vector_01_daily_shifts_start_at_the_rotation_start_and_are_clipped_to_the_query()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-05T00:00"),
            t.Shift("A", "01-01T09:00", "01-02T09:00"),
            t.Shift("B", "01-02T09:00", "01-03T09:00"),
            t.Shift("C", "01-03T09:00", "01-04T09:00"),
            t.Shift("A", "01-04T09:00", "01-05T00:00"));
    }

    [Fact]
    public async Task vector_02_weekly_monday_hand_offs_follow_los_angeles_wall_clock()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("01-01T17:00"), "America/Los_Angeles", WeeklyMon0900);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-22T17:00"),
            t.Shift("A", "01-01T17:00", "01-08T17:00"),
            t.Shift("B", "01-08T17:00", "01-15T17:00"),
            t.Shift("A", "01-15T17:00", "01-22T17:00"));
    }

    [Fact]
    public async Task vector_03_day_31_is_clamped_to_the_last_day_of_short_months()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-31T10:00"), "UTC", Monthly31At1000);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("05-01T00:00"),
            t.Shift("A", "01-31T10:00", "02-29T10:00"),
            t.Shift("B", "02-29T10:00", "03-31T10:00"),
            t.Shift("C", "03-31T10:00", "04-30T10:00"),
            t.Shift("A", "04-30T10:00", "05-01T00:00"));
    }

    [Fact]
    public async Task vector_04_a_multiplier_of_two_makes_two_day_shifts()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("01-01T09:00"), "UTC", Daily0900Times2);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-09T09:00"),
            t.Shift("A", "01-01T09:00", "01-03T09:00"),
            t.Shift("B", "01-03T09:00", "01-05T09:00"),
            t.Shift("A", "01-05T09:00", "01-07T09:00"),
            t.Shift("B", "01-07T09:00", "01-09T09:00"));
    }

    [Fact]
    public async Task vector_05_two_on_call_move_forward_two_places_per_shift()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900TwoOnCall);
        await AssertShiftsAsync(client, rotation, t.At("01-01T09:00"), t.At("01-05T09:00"),
            t.Shift("A,B", "01-01T09:00", "01-02T09:00"),
            t.Shift("C,A", "01-02T09:00", "01-03T09:00"),
            t.Shift("B,C", "01-03T09:00", "01-04T09:00"),
            t.Shift("A,B", "01-04T09:00", "01-05T09:00"));
    }

    [Fact]
    public async Task vector_06_working_hours_coverage_drops_the_weekend_shifts()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900WorkingHours);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-09T00:00"),
            t.Shift("A", "01-01T09:00", "01-01T17:00"),
            t.Shift("B", "01-02T09:00", "01-02T17:00"),
            t.Shift("C", "01-03T09:00", "01-03T17:00"),
            t.Shift("A", "01-04T09:00", "01-04T17:00"),
            t.Shift("B", "01-05T09:00", "01-05T17:00"),
            t.Shift("B", "01-08T09:00", "01-08T17:00"));
    }

    [Fact]
    public async Task vector_07_an_override_inside_one_shift_splits_it_in_three()
    {
        var client = await PeopleAsync();
        var t = VectorTime.NearFuture();
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900);
        await client.CreateOverrideAsync(rotation, "C", t.At("01-01T12:00"), t.At("01-01T18:00"));
        await AssertShiftsAsync(client, rotation, t.At("01-01T09:00"), t.At("01-03T09:00"),
            t.Shift("A", "01-01T09:00", "01-01T12:00"),
            t.Shift("C", "01-01T12:00", "01-01T18:00", overridden: "A"),
            t.Shift("A", "01-01T18:00", "01-02T09:00"),
            t.Shift("B", "01-02T09:00", "01-03T09:00"));
    }

    [Fact]
    public async Task vector_08_an_override_spanning_a_hand_off_gives_one_overridden_shift_per_regular_shift()
    {
        var client = await PeopleAsync();
        var t = VectorTime.NearFuture();
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900);
        await client.CreateOverrideAsync(rotation, "C", t.At("01-01T18:00"), t.At("01-02T12:00"));
        await AssertShiftsAsync(client, rotation, t.At("01-01T09:00"), t.At("01-04T09:00"),
            t.Shift("A", "01-01T09:00", "01-01T18:00"),
            t.Shift("C", "01-01T18:00", "01-02T09:00", overridden: "A"),
            t.Shift("C", "01-02T09:00", "01-02T12:00", overridden: "B"),
            t.Shift("B", "01-02T12:00", "01-03T09:00"),
            t.Shift("C", "01-03T09:00", "01-04T09:00"));
    }

    [Fact]
    public async Task vector_09_a_hand_off_in_the_spring_forward_gap_moves_forward_and_the_next_shift_is_23_hours()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("03-08T07:30"), "America/New_York", Daily0230);
        await AssertShiftsAsync(client, rotation, t.At("03-08T00:00"), t.At("03-12T00:00"),
            t.Shift("A", "03-08T07:30", "03-09T07:30"),
            t.Shift("B", "03-09T07:30", "03-10T07:30"),
            t.Shift("A", "03-10T07:30", "03-11T06:30"),
            t.Shift("B", "03-11T06:30", "03-12T00:00"));
    }

    [Fact]
    public async Task vector_10_a_hand_off_in_the_fall_back_overlap_takes_the_earlier_instant_and_the_next_shift_is_25_hours()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("11-01T05:30"), "America/New_York", Daily0130);
        await AssertShiftsAsync(client, rotation, t.At("11-01T00:00"), t.At("11-05T00:00"),
            t.Shift("A", "11-01T05:30", "11-02T05:30"),
            t.Shift("B", "11-02T05:30", "11-03T05:30"),
            t.Shift("A", "11-03T05:30", "11-04T06:30"),
            t.Shift("B", "11-04T06:30", "11-05T00:00"));
    }

    [Fact]
    public async Task vector_11_a_query_that_starts_mid_shift_returns_the_rest_of_that_shift()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", WeeklyMon0900);
        await AssertShiftsAsync(client, rotation, t.At("01-10T12:00"), t.At("01-17T12:00"),
            t.Shift("B", "01-10T12:00", "01-15T09:00"),
            t.Shift("C", "01-15T09:00", "01-17T12:00"));
    }

    [Fact]
    public async Task vector_12_nothing_is_on_call_before_a_later_rotation_start()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("06-01T09:00"), "UTC", Daily0900);
        await AssertShiftsAsync(client, rotation, t.At("05-30T00:00"), t.At("06-03T00:00"),
            t.Shift("A", "06-01T09:00", "06-02T09:00"),
            t.Shift("B", "06-02T09:00", "06-03T00:00"));
    }

    [Fact]
    public async Task vector_13_london_hand_offs_move_to_08_00_utc_when_summer_time_starts_while_utc_ones_stay()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        // 03-29 09:00 in London is 09:00 UTC: British Summer Time starts on 03-31.
        var london = await client.CreateRotationAsync("A,B", t.At("03-29T09:00"), "Europe/London", Daily0900, "london");
        var utc = await client.CreateRotationAsync("A,B", t.At("03-29T09:00"), "UTC", Daily0900, "utc");
        await AssertShiftsAsync(client, london, t.At("03-29T00:00"), t.At("04-02T00:00"),
            t.Shift("A", "03-29T09:00", "03-30T09:00"),
            t.Shift("B", "03-30T09:00", "03-31T08:00"),
            t.Shift("A", "03-31T08:00", "04-01T08:00"),
            t.Shift("B", "04-01T08:00", "04-02T00:00"));
        await AssertShiftsAsync(client, utc, t.At("03-29T00:00"), t.At("04-02T00:00"),
            t.Shift("A", "03-29T09:00", "03-30T09:00"),
            t.Shift("B", "03-30T09:00", "03-31T09:00"),
            t.Shift("A", "03-31T09:00", "04-01T09:00"),
            t.Shift("B", "04-01T09:00", "04-02T00:00"));
    }

    [Fact]
    public async Task vector_14_a_single_contact_gets_one_shift_per_hand_off_not_one_merged_shift()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A", t.At("01-01T09:00"), "UTC", Daily0900);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-03T12:00"),
            t.Shift("A", "01-01T09:00", "01-02T09:00"),
            t.Shift("A", "01-02T09:00", "01-03T09:00"),
            t.Shift("A", "01-03T09:00", "01-03T12:00"));
    }

    [Fact]
    public async Task vector_15_a_start_off_the_hand_off_makes_the_first_shift_shorter()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("01-01T00:00"), "UTC", Daily0900Times2);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-06T00:00"),
            t.Shift("A", "01-01T00:00", "01-02T09:00"),
            t.Shift("B", "01-02T09:00", "01-04T09:00"),
            t.Shift("A", "01-04T09:00", "01-06T00:00"));
    }

    [Fact]
    public async Task vector_16_every_entry_of_the_weekly_settings_is_a_hand_off()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T00:00"), "UTC", WedAndFri);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-15T00:00"),
            t.Shift("A", "01-01T00:00", "01-03T04:25"),
            t.Shift("B", "01-03T04:25", "01-05T15:57"),
            t.Shift("C", "01-05T15:57", "01-10T04:25"),
            t.Shift("A", "01-10T04:25", "01-12T15:57"),
            t.Shift("B", "01-12T15:57", "01-15T00:00"));
    }

    [Fact]
    public async Task vector_17_an_overnight_coverage_window_ends_the_next_morning()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B", t.At("01-01T00:00"), "UTC", MondayMidnightSaturdayNights);
        await AssertShiftsAsync(client, rotation, t.At("01-01T00:00"), t.At("01-15T00:00"),
            t.Shift("A", "01-06T22:00", "01-07T06:00"),
            t.Shift("B", "01-13T22:00", "01-14T06:00"));
    }

    [Fact]
    public async Task vector_18_the_later_override_wins_and_an_empty_one_leaves_nobody_on_call()
    {
        var client = await PeopleAsync();
        var t = VectorTime.NearFuture();
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900);
        await client.CreateOverrideAsync(rotation, "B", t.At("01-01T10:00"), t.At("01-01T20:00"));
        await client.CreateOverrideAsync(rotation, "", t.At("01-01T14:00"), t.At("01-01T16:00"));
        await AssertShiftsAsync(client, rotation, t.At("01-01T09:00"), t.At("01-02T09:00"),
            t.Shift("A", "01-01T09:00", "01-01T10:00"),
            t.Shift("B", "01-01T10:00", "01-01T14:00", overridden: "A"),
            t.Shift("", "01-01T14:00", "01-01T16:00", overridden: "A"),
            t.Shift("B", "01-01T16:00", "01-01T20:00", overridden: "A"),
            t.Shift("A", "01-01T20:00", "01-02T09:00"));
    }

    [Fact]
    public async Task vector_19_two_hand_offs_a_day_with_two_on_call_alternate_the_pairs()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var rotation = await client.CreateRotationAsync("A,B,C,D", t.At("01-01T08:00"), "UTC", Daily0800And2000TwoOnCall);
        await AssertShiftsAsync(client, rotation, t.At("01-01T08:00"), t.At("01-03T08:00"),
            t.Shift("A,B", "01-01T08:00", "01-01T20:00"),
            t.Shift("C,D", "01-01T20:00", "01-02T08:00"),
            t.Shift("A,B", "01-02T08:00", "01-02T20:00"),
            t.Shift("C,D", "01-02T20:00", "01-03T08:00"));
    }

    [Fact]
    public async Task vector_20_coverage_masks_an_override_over_the_weekend()
    {
        var client = await PeopleAsync();
        var t = VectorTime.NearFuture();
        var rotation = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900WorkingHours);
        await client.CreateOverrideAsync(rotation, "A", t.At("01-05T12:00"), t.At("01-08T12:00"));
        await AssertShiftsAsync(client, rotation, t.At("01-05T00:00"), t.At("01-09T00:00"),
            t.Shift("B", "01-05T09:00", "01-05T12:00"),
            t.Shift("A", "01-05T12:00", "01-05T17:00", overridden: "B"),
            t.Shift("A", "01-08T09:00", "01-08T12:00", overridden: "B"),
            t.Shift("B", "01-08T12:00", "01-08T17:00"));
    }

    [Fact]
    public async Task vector_21_a_schedule_holds_both_rotations_whose_shifts_give_its_on_call_set()
    {
        var client = await PeopleAsync();
        var t = VectorTime.As2024;
        var r1 = await client.CreateRotationAsync("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900, "r1");
        var r2 = await client.CreateRotationAsync("D", t.At("01-01T09:00"), "UTC", Daily0900WorkingHours, "r2");
        await client.OkAsync("CreateContact", $$$"""{"Alias":"sched","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":["{{{r1}}}","{{{r2}}}"]}}""");
        var schedule = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/sched")}}}"}""");
        Assert.Equal([r1, r2], schedule.GetProperty("Plan").GetProperty("RotationIds").EnumerateArray().Select(e => e.GetString()));

        // On call at an instant: the shifts of [t, t + 1 min) of each rotation.
        async Task<string> OnCallAsync(string rotation, string at)
        {
            var shifts = await client.ShiftsAsync(rotation, t.At(at), t.At(at).AddMinutes(1));
            return string.Join(";", shifts.Select(s => client.Describe(s).Split(' ')[0]));
        }
        Assert.Equal(("B", "D"), (await OnCallAsync(r1, "01-02T10:00"), await OnCallAsync(r2, "01-02T10:00")));
        Assert.Equal(("B", ""), (await OnCallAsync(r1, "01-02T20:00"), await OnCallAsync(r2, "01-02T20:00")));
        Assert.Equal(("C", ""), (await OnCallAsync(r1, "01-06T10:00"), await OnCallAsync(r2, "01-06T10:00")));
    }

    // ListPreviewRotationShifts runs the same calculator on unsaved settings (spec/rotations.md §3.2):
    // members are plain strings, echoed as ContactIds, and overrides skip the now-relative rules.

    [Fact]
    public async Task preview_of_vector_01_gives_the_same_shifts_with_plain_member_strings()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client, PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900, t.At("01-01T00:00"), t.At("01-05T00:00")),
            t.Shift("A", "01-01T09:00", "01-02T09:00"),
            t.Shift("B", "01-02T09:00", "01-03T09:00"),
            t.Shift("C", "01-03T09:00", "01-04T09:00"),
            t.Shift("A", "01-04T09:00", "01-05T00:00"));
    }

    [Fact]
    public async Task preview_of_vector_05_moves_two_on_call_forward_two_places()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client, PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900TwoOnCall, t.At("01-01T09:00"), t.At("01-05T09:00")),
            t.Shift("A,B", "01-01T09:00", "01-02T09:00"),
            t.Shift("C,A", "01-02T09:00", "01-03T09:00"),
            t.Shift("B,C", "01-03T09:00", "01-04T09:00"),
            t.Shift("A,B", "01-04T09:00", "01-05T09:00"));
    }

    [Fact]
    public async Task preview_of_vector_06_applies_the_coverage_mask()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client, PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900WorkingHours, t.At("01-01T00:00"), t.At("01-09T00:00")),
            t.Shift("A", "01-01T09:00", "01-01T17:00"),
            t.Shift("B", "01-02T09:00", "01-02T17:00"),
            t.Shift("C", "01-03T09:00", "01-03T17:00"),
            t.Shift("A", "01-04T09:00", "01-04T17:00"),
            t.Shift("B", "01-05T09:00", "01-05T17:00"),
            t.Shift("B", "01-08T09:00", "01-08T17:00"));
    }

    [Fact]
    public async Task preview_of_vector_07_applies_an_override_even_in_the_past()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client,
            PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900, t.At("01-01T09:00"), t.At("01-03T09:00"),
                ("C", t.At("01-01T12:00"), t.At("01-01T18:00"))),
            t.Shift("A", "01-01T09:00", "01-01T12:00"),
            t.Shift("C", "01-01T12:00", "01-01T18:00", overridden: "A"),
            t.Shift("A", "01-01T18:00", "01-02T09:00"),
            t.Shift("B", "01-02T09:00", "01-03T09:00"));
    }

    [Fact]
    public async Task preview_of_vector_08_splits_an_override_at_the_hand_off()
    {
        var client = fixture.NewClient();
        var t = VectorTime.NearFuture();
        await AssertPreviewAsync(client,
            PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900, t.At("01-01T09:00"), t.At("01-04T09:00"),
                ("C", t.At("01-01T18:00"), t.At("01-02T12:00"))),
            t.Shift("A", "01-01T09:00", "01-01T18:00"),
            t.Shift("C", "01-01T18:00", "01-02T09:00", overridden: "A"),
            t.Shift("C", "01-02T09:00", "01-02T12:00", overridden: "B"),
            t.Shift("B", "01-02T12:00", "01-03T09:00"),
            t.Shift("C", "01-03T09:00", "01-04T09:00"));
    }

    [Fact]
    public async Task preview_of_vector_09_resolves_the_dst_gap_like_a_saved_rotation()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client, PreviewRequest("A,B", t.At("03-08T07:30"), "America/New_York", Daily0230, t.At("03-08T00:00"), t.At("03-12T00:00")),
            t.Shift("A", "03-08T07:30", "03-09T07:30"),
            t.Shift("B", "03-09T07:30", "03-10T07:30"),
            t.Shift("A", "03-10T07:30", "03-11T06:30"),
            t.Shift("B", "03-11T06:30", "03-12T00:00"));
    }

    [Fact]
    public async Task preview_of_vector_18_lets_the_later_override_in_the_list_win()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client,
            PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900, t.At("01-01T09:00"), t.At("01-02T09:00"),
                ("B", t.At("01-01T10:00"), t.At("01-01T20:00")),
                ("", t.At("01-01T14:00"), t.At("01-01T16:00"))),
            t.Shift("A", "01-01T09:00", "01-01T10:00"),
            t.Shift("B", "01-01T10:00", "01-01T14:00", overridden: "A"),
            t.Shift("", "01-01T14:00", "01-01T16:00", overridden: "A"),
            t.Shift("B", "01-01T16:00", "01-01T20:00", overridden: "A"),
            t.Shift("A", "01-01T20:00", "01-02T09:00"));
    }

    [Fact]
    public async Task preview_of_vector_19_pairs_two_on_call_with_two_hand_offs_a_day()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client, PreviewRequest("A,B,C,D", t.At("01-01T08:00"), "UTC", Daily0800And2000TwoOnCall, t.At("01-01T08:00"), t.At("01-03T08:00")),
            t.Shift("A,B", "01-01T08:00", "01-01T20:00"),
            t.Shift("C,D", "01-01T20:00", "01-02T08:00"),
            t.Shift("A,B", "01-02T08:00", "01-02T20:00"),
            t.Shift("C,D", "01-02T20:00", "01-03T08:00"));
    }

    [Fact]
    public async Task preview_without_a_rotation_start_anchors_the_rotation_at_the_query_start()
    {
        // spec/rotations.md §3.2: S := RotationStartTime ?? StartTime ?? now; as vector 15.
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        await AssertPreviewAsync(client, PreviewRequest("A,B", null, "UTC", Daily0900Times2, t.At("01-01T00:00"), t.At("01-06T00:00")),
            t.Shift("A", "01-01T00:00", "01-02T09:00"),
            t.Shift("B", "01-02T09:00", "01-04T09:00"),
            t.Shift("A", "01-04T09:00", "01-06T00:00"));
    }

    [Fact]
    public async Task preview_pages_of_one_shift_join_up_to_the_whole_list()
    {
        var client = fixture.NewClient();
        var t = VectorTime.As2024;
        var request = PreviewRequest("A,B,C", t.At("01-01T09:00"), "UTC", Daily0900, t.At("01-01T09:00"), t.At("01-03T09:00"),
            ("C", t.At("01-01T12:00"), t.At("01-01T18:00")));
        var paged = System.Text.Json.Nodes.JsonNode.Parse(request)!.AsObject();
        paged["MaxResults"] = 1;
        var shifts = await client.AllPagesAsync("ListPreviewRotationShifts", paged.ToJsonString(), "RotationShifts");
        Assert.Equal(
            [
                t.Shift("A", "01-01T09:00", "01-01T12:00"),
                t.Shift("C", "01-01T12:00", "01-01T18:00", overridden: "A"),
                t.Shift("A", "01-01T18:00", "01-02T09:00"),
                t.Shift("B", "01-02T09:00", "01-03T09:00"),
            ],
            shifts.Select(client.Describe));
    }
}
