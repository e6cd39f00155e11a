using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Callout.Benchmarks;

/// Prints the figures: the exact allocation breakdown of each case, then BenchmarkDotNet's time and
/// allocation per call, per shift and against the same-run baseline, then the issue's two goals
/// with `met` or `MISSED` (bench/README.md).
internal static class ShiftReport
{
    const double GoalMilliseconds = 1.0;

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void PrintProfiles(IReadOnlyDictionary<string, AllocationProfile> profiles)
    {
        Console.WriteLine($"== exact allocation per call (GC.GetAllocatedBytesForCurrentThread around each MoveNext, after 1.5 s of warm-up calls)");
        Console.WriteLine($"   Shift record {AllocationProfile.ShiftSize} B; team array string[1] {AllocationProfile.TeamSize} B (one per distinct team, at most 30 per call)");
        Console.WriteLine(string.Create(Inv, $"{"case",-21} {"shifts",6} {"overr.",6} {"total B",9} {"Shift B",9} {"teams",5} {"team B",7} {"fixed B",8} {"extra B",8} {"extra B/shift",13}"));
        foreach (var c in ShiftCase.All)
        {
            var p = profiles[c.Method];
            Console.WriteLine(string.Create(Inv,
                $"{c.Method,-21} {p.Shifts,6} {p.Overridden,6} {p.Total,9} {p.ShiftRecords,9} {p.Teams,5} {p.TeamArrays,7} {p.Fixed,8} {p.Extra,8} {PerShift(p.Extra, p.Shifts),13:0.00}"));
        }
        foreach (var c in ShiftCase.All)
        {
            var p = profiles[c.Method];
            if (p.ExtraAt.Count > 0)
            {
                var where = string.Join(", ", p.ExtraAt.Take(8).Select(e => string.Create(Inv, $"#{e.Index} at {e.Start} +{e.Bytes} B{NearDst(e.Start)}")));
                Console.WriteLine($"   {c.Method}: {p.ExtraAt.Count} shift(s) allocated beyond their record: {where}{(p.ExtraAt.Count > 8 ? ", ..." : "")}");
            }
        }
    }

    /// Returns the exit code: 1 when a benchmark produced no figures.
    public static int Print(Summary summary, IReadOnlyDictionary<string, AllocationProfile> profiles)
    {
        var reports = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name);
        var baselineMean = Mean(reports, nameof(ShiftBenchmarks.BaselineYear));
        var failed = false;

        Console.WriteLine();
        Console.WriteLine("== BenchmarkDotNet, ShortRun in process, [MemoryDiagnoser]; per call: mean ± 99.9 % margin, median and fastest iteration");
        Console.WriteLine(string.Create(Inv, $"{"case",-21} {"shifts",6} {"mean µs",9} {"± µs",7} {"median",7} {"min",7} {"vs (b)",6} {"alloc B/call",12} {"B/shift",7} {"ns/shift",8}  what"));
        foreach (var c in ShiftCase.All)
        {
            var p = profiles[c.Method];
            if (!reports.TryGetValue(c.Method, out var r) || r.ResultStatistics is null)
            {
                // A --filter may leave some out; a benchmark that ran and failed is a failure.
                if (reports.ContainsKey(c.Method))
                {
                    failed = true;
                    Console.WriteLine($"{c.Method,-21} FAILED to measure (see the log)");
                }
                continue;
            }
            var mean = r.ResultStatistics.Mean;
            var margin = r.ResultStatistics.ConfidenceInterval.Margin;
            var allocated = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? -1;
            var ratio = baselineMean is { } b ? (mean / b).ToString("0.00", Inv) : "-";
            Console.WriteLine(string.Create(Inv,
                $"{c.Method,-21} {p.Shifts,6} {mean / 1000,9:0.0} {margin / 1000,7:0.0} {r.ResultStatistics.Median / 1000,7:0.0} {r.ResultStatistics.Min / 1000,7:0.0} {ratio,6} {allocated,12} {PerShift(allocated, p.Shifts),7:0} {mean / Math.Max(p.Shifts, 1),8:0}  {c.Label}"));
            // BenchmarkDotNet divides the bytes of many calls, so it may be a byte off.
            if (allocated >= 0 && Math.Abs(allocated - p.Total) > 1)
            {
                Console.WriteLine(string.Create(Inv, $"   note: BenchmarkDotNet's {allocated} B/call differs from the exact {p.Total} B measured above"));
            }
        }

        PrintGoals(reports, profiles);
        return failed ? 1 : 0;
    }

    static void PrintGoals(Dictionary<string, BenchmarkReport> reports, IReadOnlyDictionary<string, AllocationProfile> profiles)
    {
        var issue = profiles[nameof(ShiftBenchmarks.IssueYear)];
        Console.WriteLine();
        Console.WriteLine("== goals (issue: one-year window, 30-contact weekly rotation, 100 overrides, coverage hours)");
        if (Mean(reports, nameof(ShiftBenchmarks.IssueYear)) is { } mean)
        {
            var ms = mean / 1e6;
            Console.WriteLine(string.Create(Inv, $"(a) time per call < {GoalMilliseconds} ms: {ms:0.000} ms  {(ms < GoalMilliseconds ? "met" : "MISSED")}"));
            if (Mean(reports, nameof(ShiftBenchmarks.IssueFirstPage)) is { } page)
            {
                Console.WriteLine(string.Create(Inv, $"    first page (c): {page / 1e6:0.000} ms  {(page / 1e6 < GoalMilliseconds ? "met" : "MISSED")}"));
            }
        }
        else
        {
            Console.WriteLine("(a) time per call: not measured in this run");
        }

        // The brief's arithmetic: allocated - shifts x (Shift record + members array), then what remains.
        var result = issue.Shifts * (AllocationProfile.ShiftSize + AllocationProfile.TeamSize);
        var allocated = reports.TryGetValue(nameof(ShiftBenchmarks.IssueYear), out var r) ? r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) : null;
        var total = allocated ?? issue.Total;
        Console.WriteLine(string.Create(Inv,
            $"(a) no allocation per shift beyond the result: {total} B/call ({(allocated is null ? "exact" : "BenchmarkDotNet")}) - {issue.Shifts} shifts x ({AllocationProfile.ShiftSize} B Shift + {AllocationProfile.TeamSize} B team array) = {total - result} B left"));
        Console.WriteLine(string.Create(Inv,
            $"    (team arrays are shared by the shifts of one team, so that subtracts {issue.Shifts - issue.Teams} x {AllocationProfile.TeamSize} B more than was allocated)"));
        Console.WriteLine(string.Create(Inv,
            $"    exact: {issue.ShiftRecords} B Shift records + {issue.TeamArrays} B for {issue.Teams} team arrays + {issue.Fixed} B fixed per call + {issue.Extra} B in {issue.ExtraAt.Count} of {issue.Shifts} shifts"));
        Console.WriteLine(string.Create(Inv,
            $"    beyond its Shift record, a shift allocated: 0 B in {issue.Shifts - issue.ExtraAt.Count} of {issue.Shifts} shifts; {issue.Extra} B in the {issue.ExtraAt.Count} listed above ({PerShift(issue.Extra, issue.Shifts):0.00} B/shift on average)  {(issue.Extra == 0 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(Inv,
            $"    fixed cost: {issue.Fixed} B/call whatever the window ({PerShift(issue.Fixed, issue.Shifts):0} B/shift over this one; a first page (c) pays it for {profiles[nameof(ShiftBenchmarks.IssueFirstPage)].Shifts} shifts)"));
    }

    // The calculator resolves local times near a zone transition through NodaTime, and looks ahead
    // to the end of the regular (weekly) shift, so the transition shows on a segment up to a week before it.
    static string NearDst(NodaTime.Instant start)
    {
        var interval = ShiftScenario.TimeZone.GetZoneInterval(start);
        return interval.HasEnd && interval.End - start <= NodaTime.Duration.FromDays(9)
            ? string.Create(Inv, $" (DST change {interval.End.InZone(ShiftScenario.TimeZone).Date:yyyy-MM-dd} within its week)")
            : "";
    }

    static double? Mean(Dictionary<string, BenchmarkReport> reports, string method) =>
        reports.TryGetValue(method, out var r) ? r.ResultStatistics?.Mean : null;

    static double PerShift(long bytes, int shifts) => shifts == 0 ? 0 : (double)bytes / shifts;
}
