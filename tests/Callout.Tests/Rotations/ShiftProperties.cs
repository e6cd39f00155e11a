using Callout.Domain.Rotations;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Callout.Tests.Rotations;

/// Random valid rotations against the naive model of docs/spec/rotations.md §2–3 (ReferenceModel).
public sealed class ShiftProperties
{
    const int Runs = 500;

    static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);

    static List<Shift> Shifts(RotationScenario s, Instant from, Instant to) =>
        ShiftCalculator.Shifts(s.Plan, s.Overrides, from, to).ToList();

    // Every instant where the outcome can change: the query ends, hand-offs, override and coverage edges.
    static SortedSet<Instant> CriticalPoints(RotationScenario s, ReferenceModel model, Instant lo, Instant hi)
    {
        var points = new SortedSet<Instant> { lo, hi };
        var inside = (Instant t) => lo < t && t < hi;
        points.UnionWith(model.Boundaries.Where(inside));
        points.UnionWith(s.Overrides.SelectMany(o => new[] { o.Start, o.End }).Where(inside));
        points.UnionWith(model.CoverageWindows(lo, hi).SelectMany(w => new[] { w.Start, w.End }).Where(inside));
        return points;
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(RotationScenarios)])]
    public void generated_rotations_pass_the_rotation_rules(RotationScenario s) =>
        RotationRules.CheckRotation(s.Plan.Members, s.Plan.Recurrence);

    [Property(MaxTest = Runs, Arbitrary = [typeof(RotationScenarios)])]
    public void shifts_are_sorted_disjoint_and_inside_the_query(RotationScenario s)
    {
        var lo = Instant.Max(s.From, s.Plan.Start);
        var shifts = Shifts(s, s.From, s.To);
        Instant? previousEnd = null;
        foreach (var shift in shifts)
        {
            Assert.True(shift.Start < shift.End, $"empty shift {shift}");
            Assert.True(shift.Start >= lo && shift.End <= s.To, $"shift {ShiftNotation.Format(shift)} outside [{lo}, {s.To})");
            Assert.True(previousEnd is null || previousEnd <= shift.Start, $"shift {ShiftNotation.Format(shift)} overlaps the one before");
            previousEnd = shift.End;
            Assert.Subset(s.Plan.Members.ToHashSet(), shift.Members.ToHashSet());
            Assert.Equal(shift.Members.Count, shift.Members.Distinct().Count());
            Assert.Equal(shift.Overridden, shift.OverriddenMembers is not null);
            if (shift.OverriddenMembers is { } regular)
            {
                Assert.Subset(s.Plan.Members.ToHashSet(), regular.ToHashSet());
                Assert.Equal(s.Plan.Recurrence.NumberOfOnCalls, regular.Count);
            }
            else
            {
                Assert.Equal(s.Plan.Recurrence.NumberOfOnCalls, shift.Members.Count);
            }
        }
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(RotationScenarios)])]
    public void shifts_match_the_reference_model_at_every_point_where_the_outcome_can_change(RotationScenario s)
    {
        var lo = Instant.Max(s.From, s.Plan.Start);
        var shifts = Shifts(s, s.From, s.To);
        if (lo >= s.To)
        {
            Assert.Empty(shifts);
            return;
        }
        var model = new ReferenceModel(s.Plan, s.Overrides, s.To);
        var points = CriticalPoints(s, model, lo, s.To);

        // Shift edges are critical points, so one look at each point's stretch checks all of it.
        foreach (var shift in shifts)
        {
            Assert.Contains(shift.Start, points);
            Assert.Contains(shift.End, points);
        }
        var next = 0;
        foreach (var point in points)
        {
            if (point == s.To)
            {
                break;
            }
            while (next < shifts.Count && shifts[next].End <= point)
            {
                next++;
            }
            var actual = next < shifts.Count && shifts[next].Start <= point ? shifts[next] : null;
            var expected = model.Expected(point);
            if (expected is null)
            {
                Assert.True(actual is null, $"nobody is on call at {point}, but {(actual is null ? "" : ShiftNotation.Format(actual))}");
                continue;
            }
            Assert.True(actual is not null, $"a shift is missing at {point}");
            var (members, overridden, regular, j) = expected.Value;
            Assert.True(SameList(members, actual.Members) && overridden == actual.Overridden && SameList(regular, actual.OverriddenMembers),
                $"at {point} expected [{string.Join(",", members)}] {(overridden ? "O(" + string.Join(",", regular!) + ")" : "R")}, got {ShiftNotation.Format(actual)}");
            // Never across a hand-off.
            Assert.True(model.Boundaries[j] <= actual.Start && actual.End <= model.Boundaries[j + 1], $"{ShiftNotation.Format(actual)} crosses a hand-off");
        }

        // Neighbours within one regular shift that say the same thing are one shift.
        for (var i = 1; i < shifts.Count; i++)
        {
            var (a, b) = (shifts[i - 1], shifts[i]);
            if (a.End == b.Start && model.ShiftIndex(a.Start) == model.ShiftIndex(b.Start))
            {
                Assert.False(SameList(a.Members, b.Members) && a.Overridden == b.Overridden && SameList(a.OverriddenMembers, b.OverriddenMembers),
                    $"{ShiftNotation.Format(a)} and {ShiftNotation.Format(b)} should be one shift");
            }
        }
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(RotationScenarios)])]
    public void an_override_replaces_exactly_its_window_within_coverage(RotationScenario s)
    {
        var shifts = Shifts(s, s.From, s.To);
        var model = new ReferenceModel(s.Plan, s.Overrides, s.To);
        foreach (var shift in shifts)
        {
            foreach (var at in new[] { shift.Start, shift.End - Duration.Epsilon })
            {
                var winner = model.Winner(at);
                Assert.Equal(winner is not null, shift.Overridden);
                if (winner is not null)
                {
                    Assert.Equal(winner.Members, shift.Members);
                }
            }
        }
        // Inside an override and inside coverage, someone's shift is always there.
        foreach (var o in s.Overrides)
        {
            var at = Instant.Max(o.Start, Instant.Max(s.From, s.Plan.Start));
            if (at < o.End && at < s.To && model.Covered(at))
            {
                Assert.Contains(shifts, x => x.Start <= at && at < x.End && x.Overridden);
            }
        }
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(RotationScenarios)])]
    public void on_call_at_agrees_with_the_shifts(RotationScenario s)
    {
        var shifts = Shifts(s, s.From, s.To);
        var model = new ReferenceModel(s.Plan, s.Overrides, s.To);
        var lo = Instant.Max(s.From, s.Plan.Start);
        var points = lo < s.To ? CriticalPoints(s, model, lo, s.To) : [];
        points.Add(s.Plan.Start - Duration.FromHours(1));
        foreach (var at in points.Where(p => p < s.To))
        {
            var shift = shifts.FirstOrDefault(x => x.Start <= at && at < x.End);
            var expected = at < lo ? [] : shift?.Members ?? [];
            Assert.Equal(expected, ShiftCalculator.OnCallAt(s.Plan, s.Overrides, at));
        }
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(RotationScenarios)])]
    public void a_window_split_in_two_gives_the_same_shifts_cut_at_the_split(RotationScenario s)
    {
        var length = (s.To - s.From).TotalTicks;
        var cut = s.From + Duration.FromTicks((long)(length * ((s.Seed % 997) / 997.0)));
        if (cut <= s.From)
        {
            cut = s.From + Duration.FromMinutes(1);
        }
        if (cut >= s.To)
        {
            return;
        }
        var whole = new List<string>();
        foreach (var shift in Shifts(s, s.From, s.To))
        {
            if (shift.Start < cut && cut < shift.End)
            {
                whole.Add(ShiftNotation.Format(shift with { End = cut }));
                whole.Add(ShiftNotation.Format(shift with { Start = cut }));
            }
            else
            {
                whole.Add(ShiftNotation.Format(shift));
            }
        }
        var parts = ShiftNotation.Format(Shifts(s, s.From, cut).Concat(Shifts(s, cut, s.To)));
        Assert.Equal(whole, parts);
    }
}
