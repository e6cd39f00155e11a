using Callout.Domain.Rotations;
using NodaTime;
using Xunit;
using static Callout.Tests.Rotations.ShiftNotation;

namespace Callout.Tests.Rotations;

/// Cases beyond the vectors of docs/spec/rotations.md §4: orderings that only show up after DST
/// resolution or clamping, override ties and merges, and how the result may be consumed.
public sealed class ShiftCalculatorTests
{
    [Fact]
    public void hand_offs_of_one_day_are_sorted_again_after_a_dst_gap_moves_one_forward() =>
        // On 03-10 02:30 becomes 03:30 EDT (07:30Z), after 03:10 EDT (07:10Z).
        Assert.Equal(
        [
            Regular("03-09T07:30", "03-09T08:10", A),
            Regular("03-09T08:10", "03-10T07:10", B),
            Regular("03-10T07:10", "03-10T07:30", A),
            Regular("03-10T07:30", "03-11T06:30", B),
            Regular("03-11T06:30", "03-11T07:10", A),
        ], Shifts(Plan([A, B], "America/New_York", T("03-09T07:30"), Daily("02:30", "03:10")), "03-09", "03-11T07:10"));

    [Fact]
    public void a_clamped_hand_off_is_sorted_with_the_hand_offs_of_the_last_day() =>
        Assert.Equal(
        [
            Regular("04-29", "04-30T08", A),
            Regular("04-30T08", "04-30T12", B),
            Regular("04-30T12", "05-02", A),
        ], Shifts(Plan([A, B], "UTC", T("04-01"), Monthly((30, "12:00"), (31, "08:00"))), "04-29", "05-02"));

    [Fact]
    public void two_days_clamped_to_the_same_instant_are_one_hand_off() =>
        Assert.Equal(
        [
            Regular("02-01", "02-29T10", A),
            Regular("02-29T10", "03-30T10", B),
            Regular("03-30T10", "03-31T10", A),
        ], Shifts(Plan([A, B], "UTC", T("02-01"), Monthly((30, "10:00"), (31, "10:00"))), "02-01", "03-31T10"));

    [Fact]
    public void overrides_with_the_same_members_side_by_side_give_one_shift() =>
        Assert.Equal(
        [
            Overridden("01-01T09", "01-01T15", [C], A),
            Regular("01-01T15", "01-02T09", A),
        ], Shifts(Vector1, "01-01T09", "01-02T09",
            Override("o1", "01-01T09", "01-01T12", 1, C),
            Override("o2", "01-01T12", "01-01T15", 1, C)));

    [Fact]
    public void equal_creation_times_go_to_the_larger_id() =>
        Assert.Equal(
        [
            Overridden("01-01T09", "01-01T12", [C], A),
            Regular("01-01T12", "01-02T09", A),
        ], Shifts(Vector1, "01-01T09", "01-02T09",
            Override("o2", "01-01T09", "01-01T12", 1, C),
            Override("o1", "01-01T09", "01-01T12", 1, B)));

    [Fact]
    public void shifts_are_produced_lazily_so_an_unbounded_query_can_be_paged() =>
        Assert.Equal(3, ShiftCalculator.Shifts(Vector1, [], T("01-01"), Instant.MaxValue - Duration.FromDays(1)).Take(3).Count());

    [Fact]
    public void nobody_is_on_call_before_the_start_or_in_a_coverage_gap()
    {
        Assert.Empty(ShiftCalculator.OnCallAt(Vector1, [], T("01-01T08")));
        Assert.Empty(ShiftCalculator.OnCallAt(Vector6, [], T("01-06T10")));
        Assert.Equal([A], ShiftCalculator.OnCallAt(Vector6, [], T("01-01T10")));
    }

    [Fact]
    public void the_same_result_can_be_enumerated_twice()
    {
        var shifts = ShiftCalculator.Shifts(Vector6, [Override("o1", "01-05T12", "01-08T12", 1, A)], T("01-01"), T("01-09"));
        Assert.Equal(Format(shifts), Format(shifts));
    }

    [Fact]
    public void a_plan_that_cannot_hand_off_fails_at_the_call() =>
        Assert.Throws<ArgumentException>(() => ShiftCalculator.Shifts(
            Plan([A], "UTC", T("01-01"), new Recurrence(RecurrenceKind.Weekly, [new HandOff(At("09:00"))], 1, 1, null)), [], T("01-01"), T("01-02")));

    [Theory]
    // Vector 1: daily 09:00 from 01-01T09.
    [InlineData("01-03T12", "01-03T09")]
    [InlineData("01-03T09", "01-03T09")]
    [InlineData("01-03T08:59", "01-02T09")]
    // Before the start, the start.
    [InlineData("01-01T08", "01-01T09")]
    public void a_shift_under_way_began_at_its_hand_off(string at, string expected) =>
        Assert.Equal(T(expected), ShiftCalculator.ShiftStartAt(Vector1, T(at)));

    [Fact]
    public void a_shift_under_way_with_a_multiplier_began_at_its_first_hand_off() =>
        // Every second 09:00 from 01-01T00: 01-01T00→01-02T09, 01-02T09→01-04T09, ...
        Assert.Equal(T("01-02T09"), ShiftCalculator.ShiftStartAt(
            Plan([A, B], "UTC", T("01-01T00"), Daily("09:00") with { Multiplier = 2 }), T("01-04T08")));
}
