namespace Callout.Bench.Writes;

/// Latencies are in milliseconds; the rate counts only successful calls.
sealed record PhaseResult(long Calls, long Errors, string? FirstError, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => (Calls - Errors) / Elapsed.TotalSeconds;
}
