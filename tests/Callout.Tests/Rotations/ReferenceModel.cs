using Callout.Domain.Rotations;
using NodaTime;
using NodaTime.TimeZones;

namespace Callout.Tests.Rotations;

/// docs/spec/rotations.md §2–3 written the naive way, instant by instant, as an oracle for the
/// property tests: no incremental state, NodaTime's resolver on every local time, brute-force
/// coverage and override lookups.
sealed class ReferenceModel
{
    readonly RotationPlan plan;
    readonly IReadOnlyList<RotationOverride> overrides;
    readonly List<Instant> boundaries = [];  // boundaries[j] = start of regular shift j

    public ReferenceModel(RotationPlan plan, IReadOnlyList<RotationOverride> overrides, Instant until)
    {
        this.plan = plan;
        this.overrides = overrides;
        var ticks = Ticks(plan.Start).GetEnumerator();
        boundaries.Add(plan.Start);
        while (boundaries[^1] <= until)
        {
            for (var i = 0; i < plan.Recurrence.Multiplier; i++)
            {
                ticks.MoveNext();
            }
            boundaries.Add(ticks.Current);
        }
    }

    public IReadOnlyList<Instant> Boundaries => boundaries;

    Instant At(LocalDate date, LocalTime time) => plan.Zone.ResolveLocal(date + time, Resolvers.LenientResolver).ToInstant();

    IEnumerable<Instant> Ticks(Instant after)
    {
        var previous = after;
        for (var day = after.InZone(plan.Zone).Date.PlusDays(-1); ; day = day.PlusDays(1))
        {
            var instants = plan.Recurrence.HandOffs.Where(h => Matches(day, h)).Select(h => At(day, h.Time)).Distinct().Order().ToList();
            foreach (var x in instants)
            {
                if (x > previous)
                {
                    yield return x;
                    previous = x;
                }
            }
        }
    }

    bool Matches(LocalDate day, HandOff handOff) => plan.Recurrence.Kind switch
    {
        RecurrenceKind.Daily => true,
        RecurrenceKind.Weekly => day.DayOfWeek == handOff.Day,
        _ => day.Day == Math.Min(handOff.DayOfMonth, CalendarSystem.Iso.GetDaysInMonth(day.Year, day.Month)),
    };

    /// The index of the regular shift containing `at` (at ≥ plan.Start).
    public int ShiftIndex(Instant at)
    {
        var j = 0;
        while (boundaries[j + 1] <= at)
        {
            j++;
        }
        return j;
    }

    public string[] Team(int j)
    {
        var members = plan.Members;
        var k = plan.Recurrence.NumberOfOnCalls;
        return Enumerable.Range(0, k).Select(i => members[(int)(((long)j * k + i) % members.Count)]).ToArray();
    }

    /// Raw coverage windows of the days around [from, to).
    public IEnumerable<(Instant Start, Instant End)> CoverageWindows(Instant from, Instant to)
    {
        if (plan.Recurrence.Coverage is not { Count: > 0 } coverage)
        {
            yield break;
        }
        var last = to.InZone(plan.Zone).Date.PlusDays(2);
        for (var day = from.InZone(plan.Zone).Date.PlusDays(-3); day <= last; day = day.PlusDays(1))
        {
            if (!coverage.TryGetValue(day.DayOfWeek, out var windows))
            {
                continue;
            }
            foreach (var c in windows)
            {
                var start = At(day, c.Start);
                var end = At(c.End > c.Start ? day : day.PlusDays(1), c.End);
                if (end > start)
                {
                    yield return (start, end);
                }
            }
        }
    }

    public bool Covered(Instant at) =>
        plan.Recurrence.Coverage is not { Count: > 0 } || CoverageWindows(at, at).Any(w => w.Start <= at && at < w.End);

    public RotationOverride? Winner(Instant at) => overrides
        .Where(o => o.Start <= at && at < o.End)
        .OrderByDescending(o => o.CreatedAt)
        .ThenByDescending(o => o.Id, StringComparer.Ordinal)
        .FirstOrDefault();

    /// Who is on call at `at` and how, or null when nobody is (before the start or outside coverage).
    public (IReadOnlyList<string> Members, bool Overridden, IReadOnlyList<string>? Regular, int Shift)? Expected(Instant at)
    {
        if (at < plan.Start || !Covered(at))
        {
            return null;
        }
        var j = ShiftIndex(at);
        var team = Team(j);
        return Winner(at) is { } o ? (o.Members, true, team, j) : (team, false, null, j);
    }
}
