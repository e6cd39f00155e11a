using Callout.Domain.Rotations;
using NodaTime;
using Xunit;
using static Callout.Tests.Rotations.ShiftNotation;

namespace Callout.Tests.Rotations;

/// The worked vectors of spec/rotations.md §4, one test each.
public sealed class ShiftVectorTests
{
    [Fact]
    public void vector_01_daily_shifts_start_at_the_rotation_start_and_the_last_is_clipped() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-02T09", A),
            Regular("01-02T09", "01-03T09", B),
            Regular("01-03T09", "01-04T09", C),
            Regular("01-04T09", "01-05", A),
        ], Shifts(Vector1, "01-01", "01-05"));

    [Fact]
    public void vector_02_weekly_monday_hand_off_in_los_angeles() =>
        Assert.Equal(
        [
            Regular("01-01T17", "01-08T17", A),
            Regular("01-08T17", "01-15T17", B),
            Regular("01-15T17", "01-22T17", A),
        ], Shifts(Plan([A, B], "America/Los_Angeles", T("01-01T17"), Weekly((IsoDayOfWeek.Monday, "09:00"))), "01-01", "01-22T17"));

    [Fact]
    public void vector_03_day_31_is_clamped_to_the_end_of_short_months() =>
        Assert.Equal(
        [
            Regular("01-31T10", "02-29T10", A),
            Regular("02-29T10", "03-31T10", B),
            Regular("03-31T10", "04-30T10", C),
            Regular("04-30T10", "05-01", A),
        ], Shifts(Plan([A, B, C], "UTC", T("01-31T10"), Monthly((31, "10:00"))), "01-01", "05-01"));

    [Fact]
    public void vector_04_a_multiplier_of_two_gives_two_day_shifts() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-03T09", A),
            Regular("01-03T09", "01-05T09", B),
            Regular("01-05T09", "01-07T09", A),
            Regular("01-07T09", "01-09T09", B),
        ], Shifts(Plan([A, B], "UTC", T("01-01T09"), Daily("09:00") with { Multiplier = 2 }), "01-01", "01-09T09"));

    [Fact]
    public void vector_05_two_on_calls_advance_two_places_per_shift() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-02T09", A, B),
            Regular("01-02T09", "01-03T09", C, A),
            Regular("01-03T09", "01-04T09", B, C),
            Regular("01-04T09", "01-05T09", A, B),
        ], Shifts(Plan([A, B, C], "UTC", T("01-01T09"), Daily("09:00") with { NumberOfOnCalls = 2 }), "01-01T09", "01-05T09"));

    [Fact]
    public void vector_06_weekday_coverage_drops_the_weekend_shifts() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-01T17", A),
            Regular("01-02T09", "01-02T17", B),
            Regular("01-03T09", "01-03T17", C),
            Regular("01-04T09", "01-04T17", A),
            Regular("01-05T09", "01-05T17", B),
            Regular("01-08T09", "01-08T17", B),
        ], Shifts(Vector6, "01-01", "01-09"));

    [Fact]
    public void vector_07_an_override_inside_one_shift_splits_it_in_three() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-01T12", A),
            Overridden("01-01T12", "01-01T18", [C], A),
            Regular("01-01T18", "01-02T09", A),
            Regular("01-02T09", "01-03T09", B),
        ], Shifts(Vector1, "01-01T09", "01-03T09", Override("o1", "01-01T12", "01-01T18", 1, C)));

    [Fact]
    public void vector_08_an_override_across_a_hand_off_gives_one_segment_per_shift() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-01T18", A),
            Overridden("01-01T18", "01-02T09", [C], A),
            Overridden("01-02T09", "01-02T12", [C], B),
            Regular("01-02T12", "01-03T09", B),
            Regular("01-03T09", "01-04T09", C),
        ], Shifts(Vector1, "01-01T09", "01-04T09", Override("o1", "01-01T18", "01-02T12", 1, C)));

    [Fact]
    public void vector_09_a_hand_off_in_the_spring_forward_gap_moves_forward() =>
        Assert.Equal(
        [
            Regular("03-08T07:30", "03-09T07:30", A),
            Regular("03-09T07:30", "03-10T07:30", B),
            Regular("03-10T07:30", "03-11T06:30", A),
            Regular("03-11T06:30", "03-12", B),
        ], Shifts(Plan([A, B], "America/New_York", T("03-08T07:30"), Daily("02:30")), "03-08", "03-12"));

    [Fact]
    public void vector_10_a_repeated_hand_off_at_fall_back_takes_the_earlier_instant() =>
        Assert.Equal(
        [
            Regular("11-01T05:30", "11-02T05:30", A),
            Regular("11-02T05:30", "11-03T05:30", B),
            Regular("11-03T05:30", "11-04T06:30", A),
            Regular("11-04T06:30", "11-05", B),
        ], Shifts(Plan([A, B], "America/New_York", T("11-01T05:30"), Daily("01:30")), "11-01", "11-05"));

    [Fact]
    public void vector_11_a_query_that_starts_mid_shift_returns_the_rest_of_it() =>
        Assert.Equal(
        [
            Regular("01-10T12", "01-15T09", B),
            Regular("01-15T09", "01-17T12", C),
        ], Shifts(Plan([A, B, C], "UTC", T("01-01T09"), Weekly((IsoDayOfWeek.Monday, "09:00"))), "01-10T12", "01-17T12"));

    [Fact]
    public void vector_12_nothing_is_on_call_before_a_future_start() =>
        Assert.Equal(
        [
            Regular("06-01T09", "06-02T09", A),
            Regular("06-02T09", "06-03", B),
        ], Shifts(Plan([A, B], "UTC", T("06-01T09"), Daily("09:00")), "05-30", "06-03"));

    [Fact]
    public void vector_13_london_hands_off_an_hour_earlier_in_utc_once_summer_time_starts()
    {
        Assert.Equal(
        [
            Regular("03-29T09", "03-30T09", A),
            Regular("03-30T09", "03-31T08", B),
            Regular("03-31T08", "04-01T08", A),
            Regular("04-01T08", "04-02", B),
        ], Shifts(Plan([A, B], "Europe/London", T("03-29T09"), Daily("09:00")), "03-29", "04-02"));
        Assert.Equal(
        [
            Regular("03-29T09", "03-30T09", A),
            Regular("03-30T09", "03-31T09", B),
            Regular("03-31T09", "04-01T09", A),
            Regular("04-01T09", "04-02", B),
        ], Shifts(Plan([A, B], "UTC", T("03-29T09"), Daily("09:00")), "03-29", "04-02"));
    }

    [Fact]
    public void vector_14_a_single_contact_gets_one_shift_per_hand_off() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-02T09", A),
            Regular("01-02T09", "01-03T09", A),
            Regular("01-03T09", "01-03T12", A),
        ], Shifts(Plan([A], "UTC", T("01-01T09"), Daily("09:00")), "01-01", "01-03T12"));

    [Fact]
    public void vector_15_a_start_off_the_hand_off_gives_a_shorter_first_shift() =>
        Assert.Equal(
        [
            Regular("01-01", "01-02T09", A),
            Regular("01-02T09", "01-04T09", B),
            Regular("01-04T09", "01-06", A),
        ], Shifts(Plan([A, B], "UTC", T("01-01"), Daily("09:00") with { Multiplier = 2 }), "01-01", "01-06"));

    [Fact]
    public void vector_16_every_weekly_entry_is_a_hand_off() =>
        Assert.Equal(
        [
            Regular("01-01", "01-03T04:25", A),
            Regular("01-03T04:25", "01-05T15:57", B),
            Regular("01-05T15:57", "01-10T04:25", C),
            Regular("01-10T04:25", "01-12T15:57", A),
            Regular("01-12T15:57", "01-15", B),
        ], Shifts(Plan([A, B, C], "UTC", T("01-01"), Weekly((IsoDayOfWeek.Wednesday, "04:25"), (IsoDayOfWeek.Friday, "15:57"))), "01-01", "01-15"));

    [Fact]
    public void vector_17_overnight_coverage_ends_on_the_next_day() =>
        Assert.Equal(
        [
            Regular("01-06T22", "01-07T06", A),
            Regular("01-13T22", "01-14T06", B),
        ], Shifts(Plan([A, B], "UTC", T("01-01"), Weekly((IsoDayOfWeek.Monday, "00:00")) with
        {
            Coverage = Coverage([IsoDayOfWeek.Saturday], "22:00", "06:00"),
        }), "01-01", "01-15"));

    [Fact]
    public void vector_18_the_latest_override_wins_and_an_empty_one_leaves_nobody_on_call() =>
        Assert.Equal(
        [
            Regular("01-01T09", "01-01T10", A),
            Overridden("01-01T10", "01-01T14", [B], A),
            Overridden("01-01T14", "01-01T16", [], A),
            Overridden("01-01T16", "01-01T20", [B], A),
            Regular("01-01T20", "01-02T09", A),
        ], Shifts(Vector1, "01-01T09", "01-02T09",
            Override("o1", "01-01T10", "01-01T20", 1, B),
            Override("o2", "01-01T14", "01-01T16", 2)));

    [Fact]
    public void vector_19_two_daily_hand_offs_with_two_on_calls() =>
        Assert.Equal(
        [
            Regular("01-01T08", "01-01T20", A, B),
            Regular("01-01T20", "01-02T08", C, D),
            Regular("01-02T08", "01-02T20", A, B),
            Regular("01-02T20", "01-03T08", C, D),
        ], Shifts(Plan([A, B, C, D], "UTC", T("01-01T08"), Daily("08:00", "20:00") with { NumberOfOnCalls = 2 }), "01-01T08", "01-03T08"));

    [Fact]
    public void vector_20_coverage_masks_an_override_too() =>
        Assert.Equal(
        [
            Regular("01-05T09", "01-05T12", B),
            Overridden("01-05T12", "01-05T17", [A], B),
            Overridden("01-08T09", "01-08T12", [A], B),
            Regular("01-08T12", "01-08T17", B),
        ], Shifts(Vector6, "01-05", "01-09", Override("o1", "01-05T12", "01-08T12", 1, A)));

    [Fact]
    public void vector_21_a_schedule_is_the_union_of_its_rotations()
    {
        var r2 = Plan([D], "UTC", T("01-01T09"), Daily("09:00") with { Coverage = Coverage(Weekdays, "09:00", "17:00") });
        (RotationPlan, IReadOnlyList<RotationOverride>)[] schedule = [(Vector1, []), (r2, [])];
        Assert.Equal([B, D], ShiftCalculator.ScheduleOnCallAt(schedule, T("01-02T10")));
        Assert.Equal([B], ShiftCalculator.ScheduleOnCallAt(schedule, T("01-02T20")));
        Assert.Equal([C], ShiftCalculator.ScheduleOnCallAt(schedule, T("01-06T10")));
    }
}
