using BenchmarkDotNet.Attributes;

namespace Callout.Benchmarks;

/// ShiftCalculator.Shifts per call. Each benchmark enumerates the lazy sequence as a caller does and
/// keeps no list, so "allocated" is what the calculator itself allocates: the Shift records it
/// yields plus everything else (bench/README.md, bench/shifts/shifts.sh).
/// Public and not sealed because BenchmarkDotNet requires it (its analyzer, BDN1002).
[MemoryDiagnoser]
public class ShiftBenchmarks
{
    /// ListRotationShifts asks for one more shift than a page holds, to know whether to issue a
    /// NextToken (src/Callout.Server/Operations/Rotations/ShiftPages.cs); the default page is 50.
    public const int FirstPageTake = 51;

    readonly ShiftScenario issue = ShiftScenario.IssueCase();
    readonly ShiftScenario baseline = ShiftScenario.Baseline();
    readonly ShiftScenario coverageOnly = ShiftScenario.CoverageOnly();
    readonly ShiftScenario overridesOnly = ShiftScenario.OverridesOnly();
    readonly ShiftScenario noWalk = ShiftScenario.NoWalk();
    readonly ShiftScenario tenYearWalk = ShiftScenario.TenYearWalk();

    // (a) The issue's case, every shift of the year.
    [Benchmark]
    public int IssueYear() => issue.Take(int.MaxValue);

    // (b) Same rotation and window, no coverage and no overrides: the same-run baseline.
    [Benchmark(Baseline = true)]
    public int BaselineYear() => baseline.Take(int.MaxValue);

    // (c) What one ListRotationShifts call computes: the first page of the issue's case.
    [Benchmark]
    public int IssueFirstPage() => issue.Take(FirstPageTake);

    // Diagnostics (no goal): the issue's case with one thing changed.
    [Benchmark]
    public int CoverageOnlyYear() => coverageOnly.Take(int.MaxValue);

    [Benchmark]
    public int OverridesOnlyYear() => overridesOnly.Take(int.MaxValue);

    [Benchmark]
    public int IssueYearNoWalk() => noWalk.Take(int.MaxValue);

    [Benchmark]
    public int IssueYearTenYearWalk() => tenYearWalk.Take(int.MaxValue);
}
