using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Observability;

/// The engine's figures on GET /metrics count from start-up, not from the first scrape, and the
/// running gauge follows engagements as they stop (docs/operations.md).
public sealed class EngineMetricsTests
{
    [Fact]
    public async Task the_first_scrape_counts_every_send_since_start_and_the_running_gauge_drops_when_the_engagement_stops()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual"]);
        var p = new Paging(ApiClient.ForNewAccount(server.Endpoint), server.Endpoint);
        var ann = await p.PersonAsync("ann", "SMS", "EMAIL");
        // SMS at t0, EMAIL at t0+5, no retries; the engagement runs until t0+10.
        await p.SetStagesAsync(ann.Arn, Paging.ChannelStages(ann, 5, 0));
        var (engagement, t0) = await p.StartAtNowAsync(ann.Arn);
        await p.AdvanceToAsync(t0, 5);

        var first = await MetricsText.ScrapeAsync(server.Endpoint);
        Assert.Contains("# TYPE callout_engine_pages_sent_total counter", first, StringComparison.Ordinal);
        Assert.Equal(1, MetricsText.Value(first, "callout_engine_pages_sent_total{channel=\"SMS\",outcome=\"sent\"}"));
        Assert.Equal(1, MetricsText.Value(first, "callout_engine_pages_sent_total{channel=\"EMAIL\",outcome=\"sent\"}"));
        Assert.Equal(2, MetricsText.Value(first, "callout_engine_send_lateness_seconds_count"));
        Assert.Equal(1, MetricsText.Value(first, "callout_engine_engagements_running"));

        await p.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}","Reason":"fixed"}""");
        Assert.Equal(0, MetricsText.Value(await MetricsText.ScrapeAsync(server.Endpoint), "callout_engine_engagements_running"));
    }
}
