using System.Diagnostics;
using System.Globalization;

namespace Callout.Benchmarks;

/// Runs one case over and over for a profiler (perf, dotnet-trace), with no BenchmarkDotNet around
/// it, and prints wall-clock and CPU time per call. On a machine shared with busy neighbours the CPU
/// time (this process, so the JIT's background thread too) moves much less than the wall clock.
internal static class ShiftLoop
{
    public static int Run(string method, double seconds)
    {
        var c = ShiftCase.All.FirstOrDefault(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase));
        if (c is null)
        {
            Console.Error.WriteLine($"unknown case '{method}'; one of: {string.Join(", ", ShiftCase.All.Select(x => x.Method))}");
            return 2;
        }
        var scenario = c.Scenario();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long calls = 0;
        long shifts = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            shifts += scenario.Take(c.Limit);
            calls++;
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{c.Method}: {calls} calls in {elapsed:0.0} s, {1e6 * elapsed / calls:0.0} µs per call, {1e6 * cpuSeconds / calls:0.0} µs CPU per call, {shifts / calls} shifts per call"));
        return 0;
    }
}
