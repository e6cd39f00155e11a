using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Alerts;

/// docs/alerts.md: alerts from each format open one incident per key on the source's plan, which
/// pages its contacts; repeats and concurrent duplicates add a timeline event, not pages; a
/// resolve resolves the incident and stops its engagement.
public sealed class AlertIntakeTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Fact]
    public async Task an_alertmanager_group_opens_one_incident_repeats_add_a_timeline_event_and_resolved_stops_it()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("ALERTMANAGER");
        var sourceArn = source.GetProperty("AlertSourceArn").GetString()!;

        var fired = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager());
        Assert.True(fired.Status == 200, fired.Text);
        Assert.Equal("trigger", fired.Json.GetProperty("action").GetString());
        Assert.False(fired.Json.GetProperty("deduplicated").GetBoolean());
        var incident = fired.Json.GetProperty("incidentArn").GetString()!;
        await w.Paging.RunDueAsync();

        var record = await w.Incidents.RecordAsync(incident);
        Assert.Equal("HighLatency: p99 above 2s", record.GetProperty("title").GetString());
        Assert.Equal(1, record.GetProperty("impact").GetInt32());
        Assert.Equal(sourceArn, record.GetProperty("incidentRecordSource").GetProperty("createdBy").GetString());
        Assert.Equal("callout.alertmanager", record.GetProperty("incidentRecordSource").GetProperty("source").GetString());
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("{}:{alertname=\"HighLatency\"}")));
        Assert.Equal(sourceArn + "/" + keyHash, record.GetProperty("dedupeString").GetString());
        var engagement = Assert.Single(await w.Incidents.EngagementsAsync(incident));
        var pages = (await w.PagesAsync()).Count;
        Assert.True(pages > 0);

        var repeated = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager());
        await w.Paging.RunDueAsync();

        Assert.True(repeated.Status == 200, repeated.Text);
        Assert.Equal(incident, repeated.Json.GetProperty("incidentArn").GetString());
        Assert.True(repeated.Json.GetProperty("deduplicated").GetBoolean());
        Assert.Single(await w.Incidents.EngagementsAsync(incident));
        Assert.Equal(pages, (await w.PagesAsync()).Count);
        Assert.Contains("Callout Incident Deduplicated", await w.Incidents.EventTypesAsync(incident));

        var resolved = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager("resolved"));

        Assert.True(resolved.Status == 200, resolved.Text);
        Assert.Equal("resolve", resolved.Json.GetProperty("action").GetString());
        Assert.Equal(incident, resolved.Json.GetProperty("incidentArn").GetString());
        record = await w.Incidents.RecordAsync(incident);
        Assert.Equal("RESOLVED", record.GetProperty("status").GetString());
        Assert.True(record.TryGetProperty("resolvedTime", out _));
        Assert.NotNull(await w.Paging.StopTimeAsync(engagement.GetProperty("EngagementArn").GetString()!));
        Assert.Single(await w.IncidentListAsync());
    }

    [Fact]
    public async Task twenty_concurrent_duplicates_as_from_an_alertmanager_pair_open_one_incident_and_page_once()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("ALERTMANAGER");
        var bearerUrl = new Uri(source.GetProperty("BearerUrl").GetString()!);
        var key = AlertWorld.KeyOf(source);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AlertWorld.PostAsync(bearerUrl, AlertBodies.Alertmanager(), bearer: key)));
        await w.Paging.RunDueAsync();

        Assert.All(answers, a => Assert.True(a.Status == 200, a.Text));
        var incident = Assert.Single(answers.Select(a => a.Json.GetProperty("incidentArn").GetString()).Distinct());
        Assert.Single(answers, a => !a.Json.GetProperty("deduplicated").GetBoolean());
        Assert.Single(await w.IncidentListAsync());
        Assert.Single(await w.Incidents.EngagementsAsync(incident!));
        Assert.Equal(19, (await w.Incidents.EventTypesAsync(incident!)).Count(t => t == "Callout Incident Deduplicated"));
        // One engagement's first stage: one page to the first channel.
        Assert.Single(await w.PagesAsync());
    }

    [Fact]
    public async Task a_different_group_key_is_another_incident_and_a_resolve_with_nothing_open_does_nothing()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("ALERTMANAGER");

        var nothing = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager("resolved"));
        var a = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager(groupKey: "{}:{alertname=\"A\"}"));
        var b = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager(groupKey: "{}:{alertname=\"B\"}"));

        Assert.Equal(200, nothing.Status);
        Assert.False(nothing.Json.TryGetProperty("incidentArn", out _));
        Assert.Contains("nothing to do", nothing.Message, StringComparison.Ordinal);
        Assert.NotEqual(a.Json.GetProperty("incidentArn").GetString(), b.Json.GetProperty("incidentArn").GetString());
        Assert.Equal(2, (await w.IncidentListAsync()).Count);
    }

    [Fact]
    public async Task pagerduty_events_trigger_acknowledge_and_resolve_with_pagerdutys_answers()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("PAGERDUTY");
        var events = AlertWorld.UrlOf(source);
        var key = AlertWorld.KeyOf(source);
        Assert.Equal("/v2/enqueue", events.AbsolutePath);

        var triggered = await AlertWorld.PostAsync(events, AlertBodies.PagerDuty(key, "trigger", dedupKey: null));

        Assert.True(triggered.Status == 202, triggered.Text);
        Assert.Equal("success", triggered.Json.GetProperty("status").GetString());
        Assert.Equal("Event processed", triggered.Json.GetProperty("message").GetString());
        var dedupKey = triggered.Json.GetProperty("dedup_key").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", dedupKey);
        await w.Paging.RunDueAsync();
        var incident = Assert.Single(await w.IncidentListAsync()).GetProperty("arn").GetString()!;
        var record = await w.Incidents.RecordAsync(incident);
        Assert.Equal("[FIRING:1] DiskFull (db-1)", record.GetProperty("title").GetString());
        Assert.Equal(2, record.GetProperty("impact").GetInt32());
        Assert.Equal("callout.pagerduty", record.GetProperty("incidentRecordSource").GetProperty("source").GetString());

        var again = await AlertWorld.PostAsync(events, AlertBodies.PagerDuty(key, "trigger", dedupKey));
        var acknowledged = await AlertWorld.PostAsync(events, AlertBodies.PagerDuty(key, "acknowledge", dedupKey));

        Assert.Equal(202, again.Status);
        Assert.Equal(dedupKey, again.Json.GetProperty("dedup_key").GetString());
        Assert.Single(await w.IncidentListAsync());
        Assert.True(acknowledged.Status == 202, acknowledged.Text);
        Assert.Contains("Callout Page Acknowledged", await w.Incidents.EventTypesAsync(incident));

        var resolved = await AlertWorld.PostAsync(events, AlertBodies.PagerDuty(key, "resolve", dedupKey));

        Assert.True(resolved.Status == 202, resolved.Text);
        Assert.Equal("RESOLVED", (await w.Incidents.RecordAsync(incident)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_signed_grafana_notification_opens_an_incident_and_a_replay_is_not_acted_on_again()
    {
        var w = await AlertWorld.NewAsync(fixture);
        const string secret = "grafana-shared-secret-0123456789";
        var source = await w.SourceAsync("GRAFANA", $",\"GrafanaHmacSecret\":\"{secret}\"");
        Assert.True(source.GetProperty("GrafanaHmacSecretSet").GetBoolean());
        var body = AlertBodies.Grafana();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = Signed(secret, body, timestamp);

        var fired = await AlertWorld.PostAsync(AlertWorld.UrlOf(source), body, headers: headers);

        Assert.True(fired.Status == 200, fired.Text);
        var incident = fired.Json.GetProperty("incidentArn").GetString()!;
        var record = await w.Incidents.RecordAsync(incident);
        Assert.Equal("CPU", record.GetProperty("title").GetString());
        Assert.Equal("callout.grafana", record.GetProperty("incidentRecordSource").GetProperty("source").GetString());

        var replayed = await AlertWorld.PostAsync(AlertWorld.UrlOf(source), body, headers: headers);

        Assert.Equal(200, replayed.Status);
        Assert.Contains("already received", replayed.Message, StringComparison.Ordinal);
        // A replay acted on would join the open incident and say so on its timeline. (The engine
        // adds its own events, a page sent, at its own pace, so the count of all is no measure.)
        Assert.DoesNotContain("Callout Incident Deduplicated", await w.Incidents.EventTypesAsync(incident));

        // Grafana may be set to PUT, and signs a body without a timestamp header too.
        var resolvedBody = AlertBodies.Grafana("resolved");
        var resolved = await AlertWorld.PostAsync(new Uri(source.GetProperty("BearerUrl").GetString()!), resolvedBody,
            bearer: AlertWorld.KeyOf(source), headers: Signed(secret, resolvedBody, null), method: "PUT");

        Assert.True(resolved.Status == 200, resolved.Text);
        Assert.Equal("RESOLVED", (await w.Incidents.RecordAsync(incident)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_generic_alert_with_a_bearer_key_opens_and_resolves_an_incident()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("GENERIC");
        var url = new Uri(source.GetProperty("BearerUrl").GetString()!);
        var key = AlertWorld.KeyOf(source);

        var fired = await AlertWorld.PostAsync(url, """{"dedupKey":"db-1/disk","title":"Disk full on db-1","summary":"/var at 99%","impact":2}""", bearer: key);

        Assert.True(fired.Status == 200, fired.Text);
        var incident = fired.Json.GetProperty("incidentArn").GetString()!;
        var record = await w.Incidents.RecordAsync(incident);
        Assert.Equal("Disk full on db-1", record.GetProperty("title").GetString());
        Assert.Equal("/var at 99%", record.GetProperty("summary").GetString());
        Assert.Equal(2, record.GetProperty("impact").GetInt32());
        Assert.Equal("callout.generic", record.GetProperty("incidentRecordSource").GetProperty("source").GetString());

        var resolved = await AlertWorld.PostAsync(AlertWorld.UrlOf(source), """{"dedupKey":"db-1/disk","status":"resolved"}""");

        Assert.True(resolved.Status == 200, resolved.Text);
        Assert.Equal("RESOLVED", (await w.Incidents.RecordAsync(incident)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_source_whose_plan_was_deleted_answers_409_with_the_reason()
    {
        var w = await AlertWorld.NewAsync(fixture, plan: "gone");
        var source = await w.SourceAsync("GENERIC");
        var deleted = await w.Incidents.Incidents.PostAsync("/deleteResponsePlan", $$"""{"arn":"{{w.PlanArn}}"}""");
        Assert.True(deleted.Status == 204, deleted.Text);

        var fired = await AlertWorld.PostAsync(source, """{"dedupKey":"k","title":"t"}""");

        Assert.True(fired.Status == 409, fired.Text);
        Assert.Contains(w.PlanArn, fired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task each_alert_is_audited_with_the_source_as_its_caller()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("ALERTMANAGER");
        var fired = await AlertWorld.PostAsync(source, AlertBodies.Alertmanager());
        var incident = fired.Json.GetProperty("incidentArn").GetString();

        var audited = await Audit.AuditEvents.AllAsync(w.Client, "\"Operation\":\"Alert.Alertmanager\"");

        var record = Assert.Single(audited);
        Assert.Equal(source.GetProperty("AlertSourceArn").GetString(), record.GetProperty("Caller").GetString());
        Assert.Equal(incident, record.GetProperty("ResourceArn").GetString());
        Assert.Equal("Success", record.GetProperty("Outcome").GetString());
    }

    static Dictionary<string, string> Signed(string secret, string body, string? timestamp)
    {
        var signed = timestamp is null ? body : timestamp + ":" + body;
        var headers = new Dictionary<string, string>
        {
            ["X-Grafana-Alerting-Signature"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed))),
        };
        if (timestamp is not null)
        {
            headers["X-Grafana-Alerting-Signature-Timestamp"] = timestamp;
        }
        return headers;
    }
}
