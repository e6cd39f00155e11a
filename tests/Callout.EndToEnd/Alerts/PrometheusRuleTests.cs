using Callout.EndToEnd.Engagements;
using Callout.Testing.Prometheus;

namespace Callout.EndToEnd.Alerts;

/// The whole chain from a metric: a real Prometheus (Debian's prometheus) scrapes a gauge the test
/// sets, its alerting rule fires and sends to a real Alertmanager, whose webhook opens an incident
/// in Callout that pages; the gauge going back to 0 ends the alert, and its resolve ends the incident.
public sealed class PrometheusRuleTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Fact]
    public async Task a_firing_rule_opens_an_incident_through_alertmanager_and_its_end_resolves_it()
    {
        var chain = await AlertChain.CreateAsync(fixture);
        var (key, _, bearerUrl) = await chain.AlertSourceAsync("ALERTMANAGER");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(new AlertmanagerConfig([new WebhookReceiver(bearerUrl!, key)]));
        await using var target = await ScrapeTarget.StartAsync("checkout_failing", 1);
        await using var prometheus = await PrometheusProcess.StartAsync(alertmanager.Target, target.MetricsUrl,
            "CheckoutFailing", "checkout_failing > 0", "checkout is failing");

        var opened = await chain.WaitForIncidentAsync(TimeSpan.FromSeconds(60));
        var incidentArn = opened.GetProperty("arn").GetString()!;
        Assert.Equal("OPEN", opened.GetProperty("status").GetString());
        Assert.Contains("CheckoutFailing", opened.GetProperty("title").GetString(), StringComparison.Ordinal);
        var engagement = Assert.Single(await chain.EngagementsAsync(incidentArn));
        await chain.Paging.RunDueAsync();
        Assert.Equal(1, await chain.PagesSentAsync());

        target.Value = 0;
        await chain.WaitForStatusAsync(incidentArn, "RESOLVED", TimeSpan.FromSeconds(60));

        Assert.NotNull(await chain.Paging.StopTimeAsync(engagement));
        await chain.Paging.AdvanceAsync(30 * 60);
        Assert.Equal(1, await chain.PagesSentAsync());
        Assert.Single(await chain.IncidentsAsync());
        Assert.Equal(0, (await alertmanager.NotificationsAsync("webhook")).Failed);
    }
}
