using Callout.Bench.Engine;

namespace Callout.Bench.Cluster;

/// The figures of bench/Callout.Bench.Engine's report, for several nodes: sends/s and lateness over
/// the window in which every engagement runs, the whole run's accounting (missing, duplicates), a
/// timeline by due time, each node's share, and where the CPU went (PostgreSQL included).
static class ClusterReport
{
    const double GoalPerSecond = 1000;
    const double GoalP99Ms = 200;
    const double BucketMs = 20_000;

    public static void Print(ClusterOptions o, double sinkRate, (StartedEngagement Started, int Node)[] started, IReadOnlyDictionary<int, double> startMs,
        SendAnalysis a, ClusterCpu? cpuFrom, ClusterCpu? cpuTo, string sinkState, double[] pagesSent, IReadOnlyDictionary<int, double> gone, IReadOnlyList<string> activity)
    {
        var nodes = o.Nodes.Count;
        var window = new SendWindow(startMs, a);

        W();
        W($"== Engine on {nodes} node{(nodes == 1 ? "" : "s")}: {startMs.Count:N0} concurrent engagements, one PostgreSQL schema, pages through one no-op webhook sink");
        W($"plan: {o.Load.People:N0} people, each engaged {Math.Ceiling((double)o.Load.Engagements / o.Load.People):0}x; {o.Load.Channels} channel targets per person (EMAIL, SMS, VOICE in turn), " +
          $"RetryIntervalInMinutes 1, so {SendAnalysis.Attempts} sends per target at t0 + 0..{SendAnalysis.Attempts - 1} min; starts spread over {o.Load.Ramp.TotalSeconds:0} s, " +
          $"engagement i through node i mod {nodes}");
        for (var n = 0; n < nodes; n++)
        {
            var mine = started.Where(s => s.Node == n).Select(s => s.Started).ToArray();
            var ok = mine.Where(s => s.Arn is not null).ToArray();
            var latency = new Latencies(ok.Select(s => s.LatencyMs));
            W($"StartEngagement via node {ClusterBench.Name(n)}: {ok.Length:N0} ok, {mine.Length - ok.Length} failed{FirstError(mine)}; " +
              $"p50 {latency.Percentile(0.5):0.0} ms, p99 {latency.Percentile(0.99):0.0} ms, max {latency.Max:0} ms (open loop, {o.Load.Engagements / o.Load.Ramp.TotalSeconds / nodes:0}/s per node)");
        }
        W($"sink alone (baseline): {sinkRate,10:N0} POST/s from {o.Load.Workers} concurrent senders in this process");
        foreach (var (n, at) in gone)
        {
            W($"NODE {ClusterBench.Name(n)} EXITED {at:0} s after the first start (the run carried on with the others)");
        }
        W();
        W($"window: the {window.Seconds:0.0} s in which all {startMs.Count:N0} engagements run (last t0 to first t0 + {People.StageMinutes} min)");
        W($"  sends due in window (offered)   {window.Offered,8:N0}/s");
        W($"  sends arrived in window         {window.Delivered,8:N0}/s   {window.Delivered / window.Offered:0.000} of offered, {window.Delivered / sinkRate:0.000} of the sink alone   goal >= {GoalPerSecond:N0}/s: {Verdict(window.Delivered >= GoalPerSecond)}");
        W(window.Late.Count > 0
            ? $"  lateness of sends due in window p50 {window.Late.Percentile(0.5),7:0.0} ms  p99 {window.Late.Percentile(0.99),8:0.0} ms  max {window.Late.Max,8:0} ms   goal p99 < {GoalP99Ms:0} ms: {Verdict(window.Late.Percentile(0.99) < GoalP99Ms)}"
            : $"  lateness of sends due in window: none of them arrived before the run ended (each one more than about {(o.Load.Ramp + o.Load.Grace).TotalSeconds:0} s late)   goal p99 < {GoalP99Ms:0} ms: MISSED");
        W($"whole run: sends due from the first t0 to the last t0 + {SendAnalysis.Attempts - 1} min, waited for until {o.Load.Grace.TotalSeconds:0} s after that");
        W($"  expected {a.Expected:N0}, arrived {a.Sends.Count:N0}, missing {a.Missing:N0} (goal 0: {Verdict(a.Missing == 0)}), " +
          $"duplicates {a.Duplicates} (same idempotency key twice; goal 0: {Verdict(a.Duplicates == 0)}), unexpected {a.Unexpected}");
        W($"  lateness of all sends           p50 {window.LateAll.Percentile(0.5),7:0.0} ms  p99 {window.LateAll.Percentile(0.99),8:0.0} ms  max {window.LateAll.Max,8:0} ms   ({window.LateAll.Count:N0} sends)");
        W($"  pages sent per node (its callout_engine_pages_sent_total, outcome sent): {string.Join(", ", pagesSent.Select((p, n) => $"{ClusterBench.Name(n)} {p:N0}"))}");
        W();
        foreach (var line in DueTimeTable.Lines(a, window.FirstT0, BucketMs, GoalP99Ms))
        {
            W(line);
        }
        W();
        PrintCpu(o, a, cpuFrom, cpuTo);
        foreach (var line in activity)
        {
            W(line);
        }
        W($"sink counters: {sinkState}");
    }

    static void PrintCpu(ClusterOptions o, SendAnalysis a, ClusterCpu? from, ClusterCpu? to)
    {
        if (from is not { } f || to is not { } t)
        {
            W("CPU: not sampled (the window is empty: the ramp is as long as the plan)");
            return;
        }
        var seconds = (t.At - f.At).TotalSeconds;
        double Cpus(long ticks) => ticks / (double)o.Load.ClockTicksPerSecond / seconds;
        var nodes = t.Nodes.Zip(f.Nodes, (x, y) => x - y).ToArray();
        var callout = nodes.Sum();
        var sink = t.Sink - f.Sink;
        var driver = t.Driver - f.Driver;
        var postgres = t.Postgres - f.Postgres;
        var busy = t.MachineBusy - f.MachineBusy;
        var all = t.MachineAll - f.MachineAll;
        var neighbours = Math.Max(0, busy - callout - sink - driver - postgres);
        var fromMs = SendAnalysis.ToUnixMs(f.At.Ticks);
        var toMs = SendAnalysis.ToUnixMs(t.At.Ticks);
        var sends = a.Sends.Count(s => s.ArrivedMs >= fromMs && s.ArrivedMs < toMs);
        double PerSend(long ticks) => sends > 0 ? ticks * 1e6 / o.Load.ClockTicksPerSecond / sends : double.NaN;
        W($"CPU over {seconds:0} s of the window ({Environment.ProcessorCount} CPUs; /proc, CPUs busy on average; {sends:N0} sends arrived in it):");
        W($"  Callout nodes {Cpus(callout):0.00} ({string.Join(", ", nodes.Select((n, i) => $"{ClusterBench.Name(i)} {Cpus(n):0.00}"))}), {PerSend(callout):0} µs per send");
        W($"  PostgreSQL {Cpus(postgres):0.00} (every process named postgres), {PerSend(postgres):0} µs per send");
        W($"  Callout + PostgreSQL {PerSend(callout + postgres):0} µs per send");
        W($"  sink {Cpus(sink):0.00}  bench driver {Cpus(driver):0.00}  neighbours {Cpus(neighbours):0.00}  idle {(all - busy) / (double)o.Load.ClockTicksPerSecond / seconds:0.00}");
    }

    static string Verdict(bool met) => met ? "met" : "MISSED";

    static string FirstError(StartedEngagement[] started) =>
        started.FirstOrDefault(s => s.Error is not null) is { } e ? $" (first: {e.Error})" : "";

    // InvariantGlobalization (Directory.Build.props) makes every number below invariant.
    static void W(string line = "") => Console.WriteLine(line);
}
