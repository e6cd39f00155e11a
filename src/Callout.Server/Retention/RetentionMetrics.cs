using Prometheus;

namespace Callout.Server.Retention;

/// The retention purge on GET /metrics: what it removed, what it cost, what it gave back.
sealed class RetentionMetrics
{
    readonly Counter _purged = Metrics.CreateCounter(
        "callout_retention_purged_total", "Items the retention purge removed, by kind (an engagement counts with all its parts).", "kind");
    readonly Counter _reclaimed = Metrics.CreateCounter(
        "callout_retention_reclaimed_bytes_total", "Bytes of database file the retention purge gave back to the file system (SQLite).");
    readonly Histogram _rounds = Metrics.CreateHistogram(
        "callout_retention_round_duration_seconds", "How long a round of the retention purge took, all its batches together.",
        new HistogramConfiguration { Buckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60] });

    public void Purged(string kind, int count)
    {
        if (count > 0)
        {
            _purged.WithLabels(kind).Inc(count);
        }
    }

    public void Reclaimed(long bytes) => _reclaimed.Inc(bytes);

    public void Round(TimeSpan elapsed) => _rounds.Observe(elapsed.TotalSeconds);
}
