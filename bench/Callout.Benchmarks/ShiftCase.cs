namespace Callout.Benchmarks;

/// One benchmark of ShiftBenchmarks described for the report: its method, what it enumerates, and
/// its role (the goal's case, the baseline, the page, or a diagnostic).
internal sealed record ShiftCase(string Method, string Label, Func<ShiftScenario> Scenario, int Limit)
{
    public static readonly ShiftCase[] All =
    [
        new(nameof(ShiftBenchmarks.IssueYear), "(a) issue: coverage + 100 overrides, 1-year window", ShiftScenario.IssueCase, int.MaxValue),
        new(nameof(ShiftBenchmarks.BaselineYear), "(b) baseline: no coverage, no overrides", ShiftScenario.Baseline, int.MaxValue),
        new(nameof(ShiftBenchmarks.IssueFirstPage), "(c) issue, first page (50 + 1 look-ahead)", ShiftScenario.IssueCase, ShiftBenchmarks.FirstPageTake),
        new(nameof(ShiftBenchmarks.CoverageOnlyYear), "diag: coverage only", ShiftScenario.CoverageOnly, int.MaxValue),
        new(nameof(ShiftBenchmarks.OverridesOnlyYear), "diag: overrides only", ShiftScenario.OverridesOnly, int.MaxValue),
        new(nameof(ShiftBenchmarks.IssueYearNoWalk), "diag: issue, rotation starts at the window", ShiftScenario.NoWalk, int.MaxValue),
        new(nameof(ShiftBenchmarks.IssueYearTenYearWalk), "diag: issue, rotation started 10 years before", ShiftScenario.TenYearWalk, int.MaxValue),
    ];
}
