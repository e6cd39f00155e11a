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

    public void Observe(string operation, string code, double seconds)
    {
        _requests.WithLabels(operation, code).Inc();
        _latency.WithLabels(operation, code).Observe(seconds);
    }
}
