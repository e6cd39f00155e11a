using System.Diagnostics;

namespace Callout.Bench.Writes;

/// Runs one operation from N concurrent workers until a deadline. Each call gets the next index of
/// a counter shared by the phase's warm-up and measured run, so every call can write a distinct key.
sealed class LoadPhase(int workers, Func<long, Task<string?>> operation)
{
    long next;

    /// Calls the operation until `length` has passed; each call returns null or an error text.
    public async Task<PhaseResult> RunAsync(TimeSpan length)
    {
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var runs = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(1 << 14);
            var errors = 0L;
            string? firstError = null;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var index = Interlocked.Increment(ref next) - 1;
                var t0 = Stopwatch.GetTimestamp();
                var error = await operation(index);
                latencies.Add(Stopwatch.GetTimestamp() - t0);
                if (error is not null)
                {
                    errors++;
                    firstError ??= error;
                }
            }
            return (latencies, errors, firstError);
        })).ToArray();
        var done = await Task.WhenAll(runs);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = done.SelectMany(d => d.latencies).ToArray();
        Array.Sort(all);
        return new PhaseResult(
            all.Length,
            done.Sum(d => d.errors),
            done.Select(d => d.firstError).FirstOrDefault(e => e is not null),
            elapsed,
            Percentile(all, 0.50),
            Percentile(all, 0.99));
    }

    static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}
