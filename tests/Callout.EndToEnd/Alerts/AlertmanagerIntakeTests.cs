using Callout.EndToEnd.Engagements;
using Callout.Testing.Prometheus;

namespace Callout.EndToEnd.Alerts;

/// A real Alertmanager (Debian's prometheus-alertmanager) on loopback, notifying Callout through
/// its webhook_configs (with the source's key as a bearer token) and its pagerduty_configs (with
/// `url` set to Callout's /v2/enqueue and the key as routing_key). Callout runs on the virtual
/// clock, so the test can move past escalation timeouts; Alertmanager keeps real time, on short
/// group and repeat intervals.
public sealed class AlertmanagerIntakeTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Theory]
    [InlineData("webhook", "ALERTMANAGER", "callout.alertmanager")]
    [InlineData("pagerduty", "PAGERDUTY", "callout.pagerduty")]
    public async Task an_alert_pages_through_one_incident_despite_repeats_and_its_resolve_stops_the_paging(
        string integration, string format, string triggerSource)
    {
        var chain = await AlertChain.CreateAsync(fixture);
        var (key, url, bearerUrl) = await chain.AlertSourceAsync(format);
        AlertmanagerReceiver receiver = integration == "webhook" ? new WebhookReceiver(bearerUrl!, key) : new PagerDutyReceiver(url, key);
        await using var alertmanager = await AlertmanagerProcess.StartAsync(new AlertmanagerConfig([receiver]) { RepeatInterval = TimeSpan.FromSeconds(2) });
        var alert = Alert.Named("CheckoutErrors", "checkout error rate above 5%");
        var startsAt = DateTimeOffset.UtcNow;

        await alertmanager.FireAsync(alert, startsAt);
        var opened = await chain.WaitForIncidentAsync();
        var incidentArn = opened.GetProperty("arn").GetString()!;
        Assert.Equal("OPEN", opened.GetProperty("status").GetString());
        Assert.Equal(triggerSource, opened.GetProperty("incidentRecordSource").GetProperty("source").GetString());
        Assert.Contains("CheckoutErrors", opened.GetProperty("title").GetString(), StringComparison.Ordinal);
        var engagement = Assert.Single(await chain.EngagementsAsync(incidentArn));
        await chain.Paging.RunDueAsync();
        Assert.Equal(1, await chain.PagesSentAsync());

        // Alertmanager sends the still-firing group again every repeat_interval; the incident absorbs them.
        await chain.WaitForEventsAsync(incidentArn, "Callout Incident Deduplicated", 2);
        Assert.Single(await chain.IncidentsAsync());
        Assert.Single(await chain.EngagementsAsync(incidentArn));
        // The stage's retry a minute on shows the engagement still pages.
        await chain.Paging.AdvanceAsync(60);
        Assert.Equal(2, await chain.PagesSentAsync());

        await alertmanager.ResolveAsync(alert, startsAt);
        var resolved = await chain.WaitForStatusAsync(incidentArn, "RESOLVED");

        Assert.True(resolved.TryGetProperty("resolvedTime", out _), resolved.ToString());
        Assert.NotNull(await chain.Paging.StopTimeAsync(engagement));
        await chain.Paging.AdvanceAsync(30 * 60);
        Assert.Equal(2, await chain.PagesSentAsync());
        Assert.Single(await chain.IncidentsAsync());
        Assert.Equal(0, (await alertmanager.NotificationsAsync(integration)).Failed);
    }

    [Fact]
    public async Task webhook_and_pagerduty_notifications_of_one_alert_share_one_incident_when_the_plan_dedupes()
    {
        var chain = await AlertChain.CreateAsync(fixture, dedupeString: "checkout-down");
        var (webhookKey, _, bearerUrl) = await chain.AlertSourceAsync("ALERTMANAGER");
        var (routingKey, enqueueUrl, _) = await chain.AlertSourceAsync("PAGERDUTY");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(new AlertmanagerConfig(
            [new WebhookReceiver(bearerUrl!, webhookKey), new PagerDutyReceiver(enqueueUrl, routingKey)]));
        var alert = Alert.Named("CheckoutDown", "checkout answers 503");
        var startsAt = DateTimeOffset.UtcNow;

        await alertmanager.FireAsync(alert, startsAt);
        var opened = await chain.WaitForIncidentAsync();
        var incidentArn = opened.GetProperty("arn").GetString()!;
        // Whichever of the two notifications came second joined the first one's incident.
        await chain.WaitForEventsAsync(incidentArn, "Callout Incident Deduplicated", 1);

        Assert.Single(await chain.IncidentsAsync());
        Assert.Single(await chain.EngagementsAsync(incidentArn));

        await alertmanager.ResolveAsync(alert, startsAt);
        await chain.WaitForStatusAsync(incidentArn, "RESOLVED");
        await alertmanager.WaitForNotificationsAsync("webhook", 2);
        await alertmanager.WaitForNotificationsAsync("pagerduty", 2);

        Assert.Single(await chain.IncidentsAsync());
        Assert.Equal(0, (await alertmanager.NotificationsAsync("webhook")).Failed);
        Assert.Equal(0, (await alertmanager.NotificationsAsync("pagerduty")).Failed);
    }
}
