namespace Callout.Bench.Engine;

/// The sends of a run in slices of their due time: how many were due and arrived, how many were
/// later than the lateness goal, and the lateness percentiles of each slice.
static class DueTimeTable
{
    public static IEnumerable<string> Lines(SendAnalysis a, double firstT0, double bucketMs, double goalMs)
    {
        yield return "by due time (seconds after the first t0):";
        yield return $"  {"from",5} {"to",5} {"due/s",7} {"arrived",8} {"missing",8} {$"> {goalMs:0} ms",9} {"p50 ms",8} {"p99 ms",9} {"max ms",9}";
        var buckets = a.Sends.GroupBy(s => (int)((s.DueMs - firstT0) / bucketMs)).ToDictionary(g => g.Key, g => g.ToArray());
        var missingBy = a.MissingDueMs.GroupBy(m => (int)((m - firstT0) / bucketMs)).ToDictionary(g => g.Key, g => g.Count());
        var lastBucket = buckets.Keys.Concat(missingBy.Keys).DefaultIfEmpty(0).Max();
        for (var b = 0; b <= lastBucket; b++)
        {
            var sends = buckets.GetValueOrDefault(b) ?? [];
            var missing = missingBy.GetValueOrDefault(b);
            var l = new Latencies(sends.Select(s => s.LatenessMs));
            if (sends.Length + missing == 0)
            {
                continue;
            }
            yield return $"  {b * bucketMs / 1000,5:0} {(b + 1) * bucketMs / 1000,5:0} {(sends.Length + missing) / (bucketMs / 1000),7:N0} {sends.Length,8:N0} {missing,8:N0} " +
                $"{sends.Count(s => s.LatenessMs > goalMs),9:N0} {l.Percentile(0.5),8:0.0} {l.Percentile(0.99),9:0.0} {l.Max,9:0}";
        }
    }
}
