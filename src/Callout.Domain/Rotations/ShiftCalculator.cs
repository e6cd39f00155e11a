using NodaTime;

namespace Callout.Domain.Rotations;

/// Who is on call when, for a rotation and its overrides (docs/spec/rotations.md §2, §3). Pure: the
/// same inputs always give the same shifts. Shifts are produced lazily, so a caller that stops
/// after one page pays for one page, plus the walk from the rotation's start to the query.
public static class ShiftCalculator
{
    /// The shifts inside [max(from, plan.Start), to), in order and never overlapping: regular
    /// shifts cut at coverage gaps and at override edges, overridden parts marked as such.
    public static IEnumerable<Shift> Shifts(RotationPlan plan, IReadOnlyList<RotationOverride> overrides, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(overrides);
        var recurrence = plan.Recurrence;
        if (plan.Members.Count == 0)
        {
            throw new ArgumentException("A rotation needs at least one member.", nameof(plan));
        }
        if (recurrence.NumberOfOnCalls < 1 || recurrence.Multiplier < 1)
        {
            throw new ArgumentException("NumberOfOnCalls and Multiplier must be at least 1.", nameof(plan));
        }
        // docs/spec/rotations.md §2.2: nobody is on call before the rotation starts.
        var lo = Instant.Max(from, plan.Start);
        if (to <= lo)
        {
            return [];
        }
        // Checked here so a bad plan fails at the call; the walk's state is made per enumeration.
        var pattern = new HandOffPattern(recurrence);
        return Walk(plan, pattern, overrides, lo, to);
    }

    /// Where the regular shift under way at `at` began, or the rotation's start when `at` is
    /// before it. Shifts are cut at coverage gaps and override edges but never across a hand-off,
    /// so a query from here gives the shift under way at `at` whole, not cut at `at`.
    public static Instant ShiftStartAt(RotationPlan plan, Instant at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Recurrence.Multiplier < 1)
        {
            throw new ArgumentException("Multiplier must be at least 1.", nameof(plan));
        }
        var ticks = new HandOffTicks(new HandOffPattern(plan.Recurrence), plan.Zone, plan.Start);
        var start = plan.Start;
        while (true)
        {
            var end = start;
            for (var i = 0; i < plan.Recurrence.Multiplier; i++)
            {
                end = ticks.Next();
            }
            if (end > at)
            {
                return start;
            }
            start = end;
        }
    }

    /// The members on call at `at` (an empty override or a coverage gap gives nobody).
    public static IReadOnlyList<string> OnCallAt(RotationPlan plan, IReadOnlyList<RotationOverride> overrides, Instant at)
    {
        foreach (var shift in Shifts(plan, overrides, at, at + Duration.Epsilon))
        {
            return shift.Members;
        }
        return [];
    }

    /// An on-call schedule's set at `at`: the union of its rotations' sets in the given order, each
    /// member once, at its first place (docs/spec/rotations.md §2.8).
    public static IReadOnlyList<string> ScheduleOnCallAt(
        IEnumerable<(RotationPlan Plan, IReadOnlyList<RotationOverride> Overrides)> rotations, Instant at)
    {
        ArgumentNullException.ThrowIfNull(rotations);
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (plan, overrides) in rotations)
        {
            foreach (var member in OnCallAt(plan, overrides, at))
            {
                if (seen.Add(member))
                {
                    result.Add(member);
                }
            }
        }
        return result;
    }

    static IEnumerable<Shift> Walk(RotationPlan plan, HandOffPattern pattern, IReadOnlyList<RotationOverride> overrideList, Instant lo, Instant hi)
    {
        var ticks = new HandOffTicks(pattern, plan.Zone, plan.Start);
        var members = plan.Members;
        var n = members.Count;
        var k = plan.Recurrence.NumberOfOnCalls;
        var m = plan.Recurrence.Multiplier;
        // Shift j has members (j·k + i) mod n (docs/spec/rotations.md §2.3), so at most n distinct teams.
        var teams = new string[n][];
        var coverage = plan.Recurrence.Coverage is { Count: > 0 } windows ? new CoverageMask(windows, plan.Zone, lo) : null;
        var overrides = OverrideTimeline.Build(overrideList, lo, hi);

        var start = plan.Start;
        var first = 0;
        while (start < hi)
        {
            var end = start;
            for (var i = 0; i < m; i++)
            {
                end = ticks.Next();
            }
            if (end > lo)
            {
                var team = teams[first] ??= Team(members, first, k);
                var last = Instant.Min(end, hi);
                var pending = false;
                var pendingStart = default(Instant);
                var pendingEnd = default(Instant);
                var pendingWinner = -1;
                for (var x = Instant.Max(start, lo); x < last;)
                {
                    var covered = true;
                    var y = last;
                    if (coverage is not null)
                    {
                        covered = coverage.Covered(x, last, out y);
                    }
                    var winner = overrides.WinnerAt(x, out var change);
                    if (change < y)
                    {
                        y = change;
                    }
                    if (covered)
                    {
                        // Cuts that change nothing are joined again, but never across a hand-off.
                        if (pending && pendingEnd == x && SameOutcome(overrides, pendingWinner, winner))
                        {
                            pendingEnd = y;
                        }
                        else
                        {
                            if (pending)
                            {
                                yield return Segment(pendingStart, pendingEnd, team, overrides, pendingWinner);
                            }
                            pending = true;
                            pendingStart = x;
                            pendingEnd = y;
                            pendingWinner = winner;
                        }
                    }
                    x = y;
                }
                if (pending)
                {
                    yield return Segment(pendingStart, pendingEnd, team, overrides, pendingWinner);
                }
            }
            start = end;
            first = (first + k) % n;
        }
    }

    static string[] Team(IReadOnlyList<string> members, int first, int k)
    {
        var team = new string[k];
        for (var i = 0; i < k; i++)
        {
            team[i] = members[(first + i) % members.Count];
        }
        return team;
    }

    static bool SameOutcome(OverrideTimeline overrides, int a, int b)
    {
        if (a == b)
        {
            return true;
        }
        if (a < 0 || b < 0)
        {
            return false;
        }
        var x = overrides[a].Members;
        var y = overrides[b].Members;
        if (x.Count != y.Count)
        {
            return false;
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // docs/spec/rotations.md §3: an overridden segment names the regular team it replaced.
    static Shift Segment(Instant start, Instant end, string[] team, OverrideTimeline overrides, int winner) =>
        winner < 0
            ? new Shift(start, end, team, false, null)
            : new Shift(start, end, overrides[winner].Members, true, team);
}
