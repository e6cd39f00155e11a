using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using Callout.Benchmarks;

// Usage: Callout.Benchmarks [--artifacts DIR] [--iterations N] [BenchmarkDotNet options, e.g. --filter '*Year*']
//        Callout.Benchmarks --loop CASE SECONDS   (one case in a loop, for a profiler; see bench/README.md)
// Prints each case's shift count and exact allocation breakdown, runs ShiftBenchmarks (ShortRun, in
// process; BenchmarkDotNet's log goes to DIR/bdn.log), then the figures against the goals.
// Exit 0 when everything was measured, whether or not the goals were met (bench/README.md).
if (args is ["--loop", var method, var seconds])
{
    return ShiftLoop.Run(method, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
}

var artifacts = Path.Combine(Path.GetTempPath(), "callout-benchmarks");
var iterations = 3;
var passThrough = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--artifacts" && i + 1 < args.Length)
    {
        artifacts = args[++i];
    }
    else if (args[i] == "--iterations" && i + 1 < args.Length)
    {
        iterations = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    }
    else
    {
        passThrough.Add(args[i]);
    }
}
Directory.CreateDirectory(artifacts);

var profiles = new Dictionary<string, AllocationProfile>();
foreach (var c in ShiftCase.All)
{
    profiles[c.Method] = AllocationProfile.Of(c.Scenario(), c.Limit);
}
ShiftReport.PrintProfiles(profiles);

var logPath = Path.Combine(artifacts, "bdn.log");
Console.WriteLine();
Console.WriteLine($"running BenchmarkDotNet (ShortRun with {iterations} measured iterations, in process); its log: {logPath}");
BenchmarkDotNet.Reports.Summary summary;
using (var log = new StreamLogger(logPath))
{
    summary = BenchmarkRunner.Run<ShiftBenchmarks>(BenchConfig.Create(artifacts, iterations, log), [.. passThrough]);
}
return ShiftReport.Print(summary, profiles);
