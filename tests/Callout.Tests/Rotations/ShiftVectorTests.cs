using Callout.Domain.Rotations;
using Callout.Testing.Vectors;
using NodaTime;
using Xunit;

namespace Callout.Tests.Rotations;

/// The worked vectors of docs/spec/rotations.md §4 (tests/vectors/rotation-shifts.json) through the
/// shift calculator, one test case per vector, on the vector's own 2024 dates.
public sealed class ShiftVectorTests
{
    public static TheoryData<int, string> Vectors()
    {
        var data = new TheoryData<int, string>();
        foreach (var vector in RotationVectors.All)
        {
            data.Add(vector.Number, vector.Description);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void the_calculator_gives_the_shifts_of_vector(int number, string description)
    {
        var vector = RotationVectors.Get(number);
        Assert.Equal(description, vector.Description);
        foreach (var rotation in vector.Rotations)
        {
            if (rotation.Query is { } query)
            {
                var shifts = ShiftCalculator.Shifts(Plan(rotation), Overrides(rotation), At(query.StartTime), At(query.EndTime));
                Assert.Equal(rotation.Shifts!.Select(s => s.ToString()), shifts.Select(Describe));
            }
        }
        var schedule = vector.Rotations.Select(r => (Plan(r), Overrides(r))).ToList();
        foreach (var check in vector.OnCallAt ?? [])
        {
            Assert.Equal(check.ContactIds, ShiftCalculator.ScheduleOnCallAt(schedule, At(check.At)));
        }
    }

    static RotationPlan Plan(RotationVector.Rotation rotation) =>
        new(rotation.ContactIds, At(rotation.StartTime), DateTimeZoneProviders.Tzdb[rotation.TimeZoneId], WireRecurrence.ToDomain(rotation.Recurrence));

    /// In the table's order, each created after the one before (the later wins, docs/spec/rotations.md §2.7).
    static IReadOnlyList<RotationOverride> Overrides(RotationVector.Rotation rotation) =>
        rotation.Overrides.Select((o, i) => new RotationOverride(
            $"o{i + 1}", "r", o.NewContactIds, At(o.StartTime), At(o.EndTime), Instant.FromUtc(2023, 12, 1, 0, 0).PlusTicks(i + 1))).ToList();

    static string Describe(Shift shift) =>
        RotationVector.Describe(shift.Members, shift.Start.ToDateTimeOffset(), shift.End.ToDateTimeOffset(),
            shift.Overridden ? "OVERRIDDEN" : "REGULAR", shift.OverriddenMembers);

    static Instant At(DateTimeOffset t) => Instant.FromDateTimeOffset(t);
}
