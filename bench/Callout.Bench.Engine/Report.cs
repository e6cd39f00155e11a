namespace Callout.Bench.Engine;

/// Prints the figures: sends/s and lateness over the window in which every engagement runs, the
/// whole run's accounting (missing, duplicates), a timeline by due time, and where the CPU went.
static class Report
{
    const double GoalPerSecond = 1000;
    const double GoalP99Ms = 100;
    const double BucketMs = 20_000;

    public static void Print(BenchOptions o, double sinkRate, StartedEngagement[] started, IReadOnlyDictionary<int, double> startMs,
        SendAnalysis a, CpuSample? cpuFrom, CpuSample? cpuTo, string sinkState, string? cutShort)
    {
        var ok = started.Where(s => s.Arn is not null).ToArray();
        var startLatency = new Latencies(ok.Select(s => s.LatencyMs));
        var window = new SendWindow(startMs, a);

        W();
        W($"== Engine: {startMs.Count:N0} concurrent engagements, SQLite file store, pages through a no-op webhook sink");
        W($"plan: {o.Load.People:N0} people, each engaged {Math.Ceiling((double)o.Load.Engagements / o.Load.People):0}x; {o.Load.Channels} channel targets per person (EMAIL, SMS, VOICE in turn), " +
          $"RetryIntervalInMinutes 1, so {SendAnalysis.Attempts} sends per target at t0 + 0..{SendAnalysis.Attempts - 1} min; starts spread over {o.Load.Ramp.TotalSeconds:0} s");
        W($"StartEngagement: {ok.Length:N0} ok, {started.Length - ok.Length} failed{FirstError(started)}; " +
          $"p50 {startLatency.Percentile(0.5):0.0} ms, p99 {startLatency.Percentile(0.99):0.0} ms, max {startLatency.Max:0} ms (open loop, {o.Load.Engagements / o.Load.Ramp.TotalSeconds:0}/s)");
        W($"sink alone (baseline): {sinkRate,10:N0} POST/s from {o.Load.Workers} concurrent senders in this process");
        W();
        W($"window: the {window.Seconds:0.0} s in which all {startMs.Count:N0} engagements run (last t0 to first t0 + {People.StageMinutes} min)");
        W($"  sends due in window (offered)   {window.Offered,8:N0}/s");
        W($"  sends arrived in window         {window.Delivered,8:N0}/s   {window.Delivered / sinkRate:0.000} of the sink alone   goal >= {GoalPerSecond:N0}/s: {(window.Delivered >= GoalPerSecond ? "met" : "MISSED")}");
        W($"  lateness of sends due in window p50 {window.Late.Percentile(0.5),7:0.0} ms  p99 {window.Late.Percentile(0.99),8:0.0} ms  max {window.Late.Max,8:0} ms   goal p99 < {GoalP99Ms:0} ms: {(window.Late.Percentile(0.99) < GoalP99Ms ? "met" : "MISSED")}");
        if (cutShort is not null)
        {
            W(cutShort);
        }
        W($"whole run: sends due from the first t0 to the last t0 + {SendAnalysis.Attempts - 1} min, waited for until {o.Load.Grace.TotalSeconds:0} s after that");
        W($"  expected {a.Expected:N0}, arrived {a.Sends.Count:N0}, missing {a.Missing:N0}, duplicates {a.Duplicates} (must be 0: {(a.Duplicates == 0 ? "ok" : "FOUND")}), unexpected {a.Unexpected}");
        W($"  lateness of all sends           p50 {window.LateAll.Percentile(0.5),7:0.0} ms  p99 {window.LateAll.Percentile(0.99),8:0.0} ms  max {window.LateAll.Max,8:0} ms   ({window.LateAll.Count:N0} sends)");
        W();
        foreach (var line in DueTimeTable.Lines(a, window.FirstT0, BucketMs, GoalP99Ms))
        {
            W(line);
        }
        W();
        PrintCpu(o, a, cpuFrom, cpuTo);
        W($"sink counters: {sinkState}");
    }

    static void PrintCpu(BenchOptions o, SendAnalysis a, CpuSample? from, CpuSample? to)
    {
        if (from is not { } f || to is not { } t)
        {
            W("CPU: not sampled (the window is empty: the ramp is as long as the plan)");
            return;
        }
        var seconds = (t.At - f.At).TotalSeconds;
        double Cpus(long ticks) => ticks / (double)o.Load.ClockTicksPerSecond / seconds;
        var callout = t.Callout - f.Callout;
        var sink = t.Sink - f.Sink;
        var driver = t.Driver - f.Driver;
        var busy = t.MachineBusy - f.MachineBusy;
        var all = t.MachineAll - f.MachineAll;
        var neighbours = Math.Max(0, busy - callout - sink - driver);
        var fromMs = SendAnalysis.ToUnixMs(f.At.Ticks);
        var toMs = SendAnalysis.ToUnixMs(t.At.Ticks);
        var sends = a.Sends.Count(s => s.ArrivedMs >= fromMs && s.ArrivedMs < toMs);
        W($"CPU over {seconds:0} s of the window ({Environment.ProcessorCount} CPUs; /proc, CPUs busy on average):");
        W($"  Callout {Cpus(callout):0.00}  ({(sends > 0 ? callout * 1000.0 / o.Load.ClockTicksPerSecond / sends * 1000 : double.NaN):0} µs per send, {sends:N0} sends)");
        W($"  sink {Cpus(sink):0.00}  bench driver {Cpus(driver):0.00}  neighbours {Cpus(neighbours):0.00}  idle {(all - busy) / (double)o.Load.ClockTicksPerSecond / seconds:0.00}");
    }

    static string FirstError(StartedEngagement[] started) =>
        started.FirstOrDefault(s => s.Error is not null) is { } e ? $" (first: {e.Error})" : "";

    // InvariantGlobalization (Directory.Build.props) makes every number below invariant.
    static void W(string line = "") => Console.WriteLine(line);
}
