using System.Diagnostics.Metrics;

namespace Callout.Engine.Processing;

/// Engine and delivery figures, published through System.Diagnostics.Metrics and so on GET /metrics.
public sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "Callout.Engine";

    readonly Meter _meter = new(MeterName);
    readonly Counter<long> _pages;
    readonly Counter<long> _providerErrors;
    readonly Histogram<double> _lateness;
    long _running;
    long _inFlight;

    public EngineMetrics()
    {
        _pages = _meter.CreateCounter<long>("pages_sent", description: "Page sends by channel type and outcome.");
        _providerErrors = _meter.CreateCounter<long>("provider_errors", description: "Failed provider calls by provider.");
        _lateness = _meter.CreateHistogram<double>("send_lateness", unit: "s", description: "How long after its due time a send started.");
        _meter.CreateObservableGauge("engagements_running", () => Interlocked.Read(ref _running), description: "Engagements without a StopTime.");
        _meter.CreateObservableGauge("outbox_depth", () => Interlocked.Read(ref _inFlight), description: "Sends claimed and not yet finished.");
    }

    public void PageSent(string channel, string outcome) =>
        _pages.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public void ProviderError(string provider) => _providerErrors.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Lateness(TimeSpan late) => _lateness.Record(Math.Max(0, late.TotalSeconds));

    public void Running(long count) => Interlocked.Exchange(ref _running, count);

    public void InFlight(int delta) => Interlocked.Add(ref _inFlight, delta);

    public void Dispose() => _meter.Dispose();
}
