using System.Globalization;
using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// The storm's figures, and whether its goals held: exactly one incident per key, one engagement
/// per key and contact, no page sent twice, and a key's first page p99 < 100 ms after its first
/// alert was sent (bench/README.md, "Alert storm").
static class StormReport
{
    const double FirstPageGoalMs = 100;

    public static int Print(StormOptions options, Latencies baseline, IReadOnlyList<Sent> sends, long[] firstSent, TimeSpan storm, StormCpu before,
        StormCpu after, IReadOnlyList<PageArrival> pages, IReadOnlyList<string> incidents, int engagements)
    {
        var answered = sends.Count(s => s.Status is >= 200 and < 300);
        var refused = sends.Where(s => s.Status is < 200 or >= 300).GroupBy(s => s.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}×{g.Count()}").ToList();
        var answers = new Latencies(sends.Where(s => s.Status is >= 200 and < 300).Select(s => s.Milliseconds));

        // A page send's idempotency key is the page and attempt: the same key twice is a page sent twice.
        var ours = pages.Where(p => p.Engagement >= 0 && p.Engagement < options.Keys).ToList();
        var duplicates = ours.Count - ours.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count();
        var firstPage = ours.GroupBy(p => p.Engagement)
            .Where(g => g.Key < firstSent.Length && firstSent[g.Key] > 0)
            .Select(g => TimeSpan.FromTicks(g.Min(p => p.ArrivedTicks) - firstSent[g.Key]).TotalMilliseconds)
            .ToList();
        var latency = new Latencies(firstPage);
        var keysPaged = firstPage.Count;

        var ticks = options.ClockTicksPerSecond;
        var calloutCpu = (after.Callout - before.Callout) / (double)ticks;
        var machine = after.MachineAll - before.MachineAll;
        var busy = machine == 0 ? 0 : 100.0 * (after.MachineBusy - before.MachineBusy) / machine;
        var stormIncidents = incidents.Where(t => t.StartsWith(SinkState.SubjectPrefix, StringComparison.Ordinal)).ToList();
        var distinctTitles = stormIncidents.Distinct(StringComparer.Ordinal).Count();
        var warmUps = options.WarmUps * options.Nodes.Count;
        var expectedEngagements = options.Keys * options.Contacts;
        // The warm-up incidents engage the same contacts.
        engagements -= warmUps * options.Contacts;

        var ok = stormIncidents.Count == options.Keys && incidents.Count == options.Keys + warmUps && distinctTitles == options.Keys && engagements == expectedEngagements
            && duplicates == 0 && keysPaged == options.Keys && answered == sends.Count;
        var fast = latency.Count > 0 && latency.Percentile(0.99) < FirstPageGoalMs;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            alerts sent:            {sends.Count} to {options.Nodes.Count} node(s) over {storm.TotalSeconds:0.0} s ({sends.Count / storm.TotalSeconds:0} alerts/s), {options.Keys} keys, pairs {options.Pairs:0.00}
            answered 2xx:           {answered}{(refused.Count > 0 ? "; other: " + string.Join(", ", refused) : "")}
            intake answer:          p50 {answers.Percentile(0.5):0.0} ms, p99 {answers.Percentile(0.99):0.0} ms, max {answers.Max:0.0} ms
            Callout CPU:            {calloutCpu:0.00} s in the storm = {1000 * calloutCpu / Math.Max(1, sends.Count):0.000} ms per alert; machine busy {busy:0} %
            incidents:              {stormIncidents.Count} ({distinctTitles} distinct keys; expected {options.Keys}), and {incidents.Count - stormIncidents.Count} warm-up ones ({warmUps} expected)
            engagements:            {engagements} (expected {options.Keys} keys × {options.Contacts} contacts = {expectedEngagements})
            pages at the sink:      {ours.Count}, sent twice: {duplicates}
            first page after alert: {keysPaged} of {options.Keys} keys paged; p50 {latency.Percentile(0.5):0.0} ms, p99 {latency.Percentile(0.99):0.0} ms, max {latency.Max:0.0} ms (goal p99 < {FirstPageGoalMs} ms)
            baseline, StartEngagement → first page, before the storm: p50 {baseline.Percentile(0.5):0.0} ms, p99 {baseline.Percentile(0.99):0.0} ms ({baseline.Count} engagements)
            result:                 {(ok ? "counts OK" : "COUNTS WRONG")}, {(fast ? "latency goal met" : "latency goal missed")}
            """));
        return ok ? 0 : 1;
    }
}
