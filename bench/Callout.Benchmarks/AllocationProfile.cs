using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Benchmarks;

/// Where one call's allocations go, measured exactly in this process with
/// GC.GetAllocatedBytesForCurrentThread around each MoveNext (BenchmarkDotNet gives only the total).
/// Each yielded shift is charged its Shift record and, the first time a team array appears, that
/// array; whatever else a MoveNext allocated is "extra". Fixed is what the call costs whatever the
/// number of shifts: creating the sequence, the first MoveNext's extra (pattern, tick walker,
/// coverage mask, override timeline, the walk up to the window), the last MoveNext and Dispose.
/// Extra is what the other MoveNexts allocated beyond their shifts: the per-shift overhead.
internal sealed record AllocationProfile(
    string Scenario,
    int Shifts,
    int Overridden,
    long Total,
    long Fixed,
    long ShiftRecords,
    int Teams,
    long TeamArrays,
    long Extra,
    IReadOnlyList<(int Index, Instant Start, long Bytes)> ExtraAt)
{
    const int MaxShifts = 4096;
    const int WarmUpMilliseconds = 1500;

    /// Bytes of one Shift record on this runtime, measured.
    public static readonly long ShiftSize = Measure(static i => new Shift(Instant.FromUnixTimeSeconds(i), Instant.FromUnixTimeSeconds(i + 1), [], false, null));

    /// Bytes of one single-member team array (NumberOfOnCalls 1), measured.
    public static readonly long TeamSize = Measure(static _ => new string[1]);

    public static AllocationProfile Of(ShiftScenario scenario, int limit)
    {
        // Warm up until tiered JIT has settled (its background compiles need pauses to run): at
        // tier 0 the loops over IReadOnlyList box their enumerators, tier-1 code with PGO does not,
        // and BenchmarkDotNet measures the latter. NodaTime's caches also fill once per process.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < WarmUpMilliseconds)
        {
            for (var i = 0; i < 100; i++)
            {
                scenario.Take(limit);
            }
            Thread.Sleep(10);
        }
        var deltas = new long[MaxShifts + 2];
        var starts = new Instant[MaxShifts];
        var newTeams = new int[MaxShifts];
        var seen = new HashSet<object>(64, ReferenceEqualityComparer.Instance);
        var overridden = 0;
        var count = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var enumerator = ShiftCalculator.Shifts(scenario.Plan, scenario.Overrides, scenario.From, scenario.To).GetEnumerator();
        var created = GC.GetAllocatedBytesForCurrentThread() - before;
        while (count < limit)
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            var more = enumerator.MoveNext();
            var delta = GC.GetAllocatedBytesForCurrentThread() - start;
            if (!more)
            {
                deltas[MaxShifts + 1] = delta;
                break;
            }
            if (count == MaxShifts)
            {
                throw new InvalidOperationException($"more than {MaxShifts} shifts in scenario {scenario.Name}");
            }
            // Bookkeeping between the readings, so it is not counted.
            var shift = enumerator.Current;
            deltas[count] = delta;
            starts[count] = shift.Start;
            var team = shift.Overridden ? shift.OverriddenMembers! : shift.Members;
            newTeams[count] = seen.Add(team) ? 1 : 0;
            overridden += shift.Overridden ? 1 : 0;
            count++;
        }
        var disposeStart = GC.GetAllocatedBytesForCurrentThread();
        enumerator.Dispose();
        var disposed = GC.GetAllocatedBytesForCurrentThread() - disposeStart;

        var total = created + disposed + deltas[MaxShifts + 1];
        var teams = 0;
        long extra = 0;
        var fixedBytes = created + deltas[MaxShifts + 1] + disposed;
        var extraAt = new List<(int, Instant, long)>();
        for (var i = 0; i < count; i++)
        {
            total += deltas[i];
            teams += newTeams[i];
            var left = deltas[i] - ShiftSize - (newTeams[i] * TeamSize);
            if (i == 0)
            {
                fixedBytes += left;
            }
            else if (left != 0)
            {
                extra += left;
                extraAt.Add((i, starts[i], left));
            }
        }
        return new AllocationProfile(scenario.Name, count, overridden, total, fixedBytes, count * ShiftSize, teams, teams * TeamSize, extra, extraAt);
    }

    static long Measure(Func<int, object> allocate)
    {
        const int n = 1000;
        var keep = new object[n];
        for (var i = 0; i < n; i++)
        {
            keep[i] = allocate(i);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            keep[i] = allocate(i);
        }
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(keep);
        return bytes / n;
    }
}
