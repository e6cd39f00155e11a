using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Prometheus;

namespace Callout.Engine.Processing;

/// Engine and delivery figures on GET /metrics. They are prometheus-net collectors made when the
/// engine is built, so the first scrape counts everything since start-up: the meter adapter that
/// published them before listened only from the first scrape on, and showed counters as gauges
/// that vanished after five quiet minutes.
public sealed class EngineMetrics
{
    // Seconds between a send's due time and its start: from "at once" to "the engine was down".
    static readonly double[] LatenessBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    readonly Counter _pages = Metrics.CreateCounter(
        "callout_engine_pages_sent_total", "Page sends by channel type and outcome (sent, error).", "channel", "outcome");
    readonly Counter _providerErrors = Metrics.CreateCounter(
        "callout_engine_provider_errors_total", "Provider calls that refused or failed a message, by provider.", "provider");
    readonly Counter _nobody = Metrics.CreateCounter(
        "callout_engine_stages_without_anyone_total",
        "Escalation stages and on-call schedules an engagement reached that paged nobody, by reason.", "reason");
    readonly Histogram _lateness = Metrics.CreateHistogram(
        "callout_engine_send_lateness_seconds", "How long after its due time a send started.",
        new HistogramConfiguration { Buckets = LatenessBuckets });
    readonly Gauge _inFlight = Metrics.CreateGauge(
        "callout_engine_outbox_depth", "Sends claimed and not yet finished.");

    public void PageSent(string channel, string outcome) => _pages.WithLabels(channel, outcome).Inc();

    public void ProviderError(string provider) => _providerErrors.WithLabels(provider).Inc();

    public void StageWithoutAnyone(NobodyReason reason) => _nobody.WithLabels(StagesWithoutAnyone.Label(reason)).Inc();

    public void Lateness(TimeSpan late) => _lateness.Observe(Math.Max(0, late.TotalSeconds));

    public void InFlight(int delta) => _inFlight.Inc(delta);

    /// `callout_engine_engagements_running` is read from the store at each scrape, so it drops the
    /// moment an engagement stops, whichever node or call stopped it. A store that does not answer
    /// within a few seconds gives NaN rather than an old figure, and the scrape still succeeds
    /// (GET /health says what failed).
    public static void CountRunningAtScrape(IEngineStore store)
    {
        var running = Metrics.CreateGauge("callout_engine_engagements_running", "Engagements without a StopTime, in every account.");
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async ct =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                running.Set(await store.CountRunningEngagementsAsync(timeout.Token));
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                running.Set(double.NaN);
            }
        });
    }
}
