using System.Collections.Concurrent;
using Prometheus;

namespace Callout.Server.Api;

/// Request count and latency per operation and error code, on GET /metrics.
sealed class ApiMetrics
{
    readonly Counter _requests = Metrics.CreateCounter(
        "callout_api_requests_total", "API requests by operation and outcome.",
        new CounterConfiguration { LabelNames = ["operation", "code"] });

    readonly Histogram _latency = Metrics.CreateHistogram(
        "callout_api_request_duration_seconds", "API request latency by operation and outcome.",
        new HistogramConfiguration
        {
            LabelNames = ["operation", "code"],
            Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });

    // prometheus-net finds a labelled child by building and hashing a label sequence on every
    // WithLabels call, which each request paid twice; the pair is looked up once per (operation,
    // code) instead. Both are bounded sets (the model's operations, Callout's own, "Unknown"; the
    // error codes), so this holds no more entries than /metrics already lists.
    readonly ConcurrentDictionary<(string Operation, string Code), (Counter.Child Requests, Histogram.Child Latency)> _children = new();

    public void Observe(string operation, string code, double seconds)
    {
        var (requests, latency) = _children.GetOrAdd((operation, code),
            static (key, metrics) => (metrics._requests.WithLabels(key.Operation, key.Code), metrics._latency.WithLabels(key.Operation, key.Code)),
            this);
        requests.Inc();
        latency.Observe(seconds);
    }
}
