using NodaTime;

namespace Callout.Domain.Rotations;

/// Which override wins where, precomputed for one query: the override edges inside the query,
/// and for each stretch between two edges the winner (docs/spec/rotations.md §2.7: the latest
/// CreatedAt, ties to the larger Id) or none. Read with a cursor that only moves forward.
internal sealed class OverrideTimeline
{
    readonly Instant[] edges;                // the first `length` entries are used
    readonly int[] winners;                  // winners[i] holds in [edges[i], edges[i + 1]); -1 = none
    readonly int length;
    readonly RotationOverride[] overrides;
    int cursor = -1;                          // the last edge at or before the last query

    OverrideTimeline(Instant[] edges, int[] winners, int length, RotationOverride[] overrides)
    {
        this.edges = edges;
        this.winners = winners;
        this.length = length;
        this.overrides = overrides;
    }

    public RotationOverride this[int winner] => overrides[winner];

    public static OverrideTimeline Build(IReadOnlyList<RotationOverride> all, Instant from, Instant to)
    {
        var relevantCount = 0;
        foreach (var o in all)
        {
            if (Relevant(o, from, to))
            {
                relevantCount++;
            }
        }
        if (relevantCount == 0)
        {
            return new OverrideTimeline([], [], 0, []);
        }
        var overrides = new RotationOverride[relevantCount];
        relevantCount = 0;
        foreach (var o in all)
        {
            if (Relevant(o, from, to))
            {
                overrides[relevantCount++] = o;
            }
        }
        Array.Sort(overrides, static (a, b) => a.Start.CompareTo(b.Start));

        var points = new Instant[overrides.Length * 2];
        for (var i = 0; i < overrides.Length; i++)
        {
            points[2 * i] = overrides[i].Start;
            points[2 * i + 1] = overrides[i].End;
        }
        Array.Sort(points);

        // Sweep the distinct edges (the last of equal ones), keeping the overrides that have
        // started and not yet ended. points is reused for the edges where the winner changes:
        // an edge is written at or before the index it was read from.
        var winners = new int[points.Length];
        var count = 0;
        var active = new List<int>();
        var next = 0;
        for (var e = 0; e < points.Length; e++)
        {
            var at = points[e];
            if (e + 1 < points.Length && points[e + 1] == at)
            {
                continue;
            }
            while (next < overrides.Length && overrides[next].Start <= at)
            {
                active.Add(next++);
            }
            var winner = -1;
            var kept = 0;
            for (var a = 0; a < active.Count; a++)
            {
                var i = active[a];
                if (overrides[i].End <= at)
                {
                    continue;
                }
                active[kept++] = i;
                if (winner < 0 || Beats(overrides[i], overrides[winner]))
                {
                    winner = i;
                }
            }
            active.RemoveRange(kept, active.Count - kept);
            if (count == 0 || winners[count - 1] != winner)
            {
                points[count] = at;
                winners[count++] = winner;
            }
        }
        return new OverrideTimeline(points, winners, count, overrides);
    }

    static bool Relevant(RotationOverride o, Instant from, Instant to) => o.Start < o.End && o.End > from && o.Start < to;

    static bool Beats(RotationOverride a, RotationOverride b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime > 0 : string.CompareOrdinal(a.Id, b.Id) > 0;
    }

    /// The winner at `at` (-1 for none), and the next instant where the winner may change.
    public int WinnerAt(Instant at, out Instant next)
    {
        while (cursor + 1 < length && edges[cursor + 1] <= at)
        {
            cursor++;
        }
        next = cursor + 1 < length ? edges[cursor + 1] : Instant.MaxValue;
        return cursor < 0 ? -1 : winners[cursor];
    }
}
