using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Alerts;

/// Alert endpoints face the network with only a key for proof: whatever arrives, the answer is a
/// 4xx with a reason (never a 5xx, which senders retry), a wrong or revoked key says nothing of
/// which part was wrong, and a forged or stale Grafana signature starts nothing.
public sealed class AlertHostileInputTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly string[] Malformed =
    [
        "",
        "{",
        """{"status":"firing","groupKey":"g","alerts":[""",
        "[]",
        "null",
        "\"firing\"",
        "{}",
        """{"status":"firing"}""",
        """{"groupKey":"g"}""",
        """{"status":"burning","groupKey":"g"}""",
        """{"status":"firing","groupKey":{"a":1}}""",
        """{"status":["firing"],"groupKey":"g"}""",
        """{"status":"firing","groupKey":"g","alerts":"all"}""",
        """{"status":"firing","groupKey":"g","alerts":[{"labels":[1,2]}]}""",
        """{"status":"firing","groupKey":"g","commonLabels":{"severity":{"x":1}}}""",
        """{"status":"firing","groupKey":"\uD800"}""",
        """{"status":"firing","groupKey":"g\u0000"}""",
        """{"status":"firing","groupKey":"g","commonLabels":{"alertname":"a\u0000b"}}""",
        new string('[', 5000) + new string(']', 5000),
    ];

    [Fact]
    public async Task malformed_alertmanager_and_grafana_bodies_are_400_with_a_reason()
    {
        var w = await AlertWorld.NewAsync(fixture);
        foreach (var format in new[] { "ALERTMANAGER", "GRAFANA" })
        {
            var source = await w.SourceAsync(format);
            foreach (var body in Malformed)
            {
                var answer = await AlertWorld.PostAsync(source, body);
                Assert.True(answer.Status == 400, $"{format} {Shorten(body)}: {answer.Status} {answer.Text}");
                Assert.False(string.IsNullOrWhiteSpace(answer.Message));
            }
        }
        Assert.Empty(await w.IncidentListAsync());
    }

    [Fact]
    public async Task malformed_pagerduty_events_are_400_in_pagerdutys_error_shape()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("PAGERDUTY");
        var key = AlertWorld.KeyOf(source);
        string[] events =
        [
            "{",
            "[]",
            "{}",
            $$"""{"routing_key":"{{key}}"}""",
            $$"""{"routing_key":"{{key}}","event_action":"explode","dedup_key":"d"}""",
            $$"""{"routing_key":"{{key}}","event_action":"trigger"}""",
            $$$"""{"routing_key":"{{{key}}}","event_action":"trigger","payload":{"summary":"s","source":"s","severity":"apocalyptic"}}""",
            $$"""{"routing_key":"{{key}}","event_action":"resolve"}""",
            $$"""{"routing_key":"{{key}}","event_action":"resolve","dedup_key":"{{new string('d', 256)}}"}""",
            $$"""{"routing_key":["{{key}}"],"event_action":"trigger"}""",
            """{"service_key":"abc","event_type":"trigger","description":"v1"}""",
            $$$"""{"routing_key":"{{{key}}}","event_action":"trigger","payload":{"summary":"s\u0000","source":"s","severity":"info"}}""",
        ];
        foreach (var body in events)
        {
            var answer = await AlertWorld.PostAsync(AlertWorld.UrlOf(source), body);
            Assert.True(answer.Status == 400, $"{Shorten(body)}: {answer.Status} {answer.Text}");
            Assert.Equal("invalid event", answer.Json.GetProperty("status").GetString());
            Assert.Equal("Event object is invalid", answer.Json.GetProperty("message").GetString());
            Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("errors")[0].GetString()));
        }
        Assert.Empty(await w.IncidentListAsync());
    }

    [Fact]
    public async Task malformed_generic_alerts_are_400_with_a_reason()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("GENERIC");
        string[] bodies =
        [
            "{", "{}", """{"title":"t"}""", """{"dedupKey":"k"}""", """{"dedupKey":7,"title":"t"}""", """{"dedupKey":"k","title":"t","impact":9}""",
            """{"dedupKey":"k","title":"t","status":"maybe"}""", $$"""{"dedupKey":"k","title":"{{new string('t', 201)}}"}""",
            """{"dedupKey":"k","title":"a\u0000b"}""", """{"dedupKey":"k\u0000","title":"t"}""",
        ];
        foreach (var body in bodies)
        {
            var answer = await AlertWorld.PostAsync(source, body);
            Assert.True(answer.Status == 400, $"{Shorten(body)}: {answer.Status} {answer.Text}");
            Assert.False(string.IsNullOrWhiteSpace(answer.Message));
        }
        Assert.Empty(await w.IncidentListAsync());
    }

    [Fact]
    public async Task huge_strings_within_the_bound_are_clipped_and_bodies_past_a_mebibyte_are_413()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("ALERTMANAGER");
        var huge = new string('x', 300_000);

        var clipped = await AlertWorld.PostAsync(source, JsonSerializer.Serialize(new
        {
            status = "firing",
            groupKey = huge,
            commonLabels = new Dictionary<string, string> { ["alertname"] = huge },
        }));
        var tooLarge = await AlertWorld.PostAsync(source, JsonSerializer.Serialize(new { status = "firing", groupKey = new string('x', 1024 * 1024) }));

        Assert.True(clipped.Status == 200, clipped.Text);
        var record = await w.Incidents.RecordAsync(clipped.Json.GetProperty("incidentArn").GetString()!);
        Assert.Equal(new string('x', 200), record.GetProperty("title").GetString());
        Assert.Equal(413, tooLarge.Status);
        Assert.Contains("at most 1048576 bytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Single(await w.IncidentListAsync());
    }

    [Fact]
    public async Task a_wrong_missing_or_revoked_key_is_refused_without_saying_which()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("ALERTMANAGER");
        var key = AlertWorld.KeyOf(source);
        var bearerUrl = new Uri(source.GetProperty("BearerUrl").GetString()!);
        var body = AlertBodies.Alertmanager();
        var flipped = (key[0] == 'A' ? 'B' : 'A') + key[1..];

        var answers = new List<AlertAnswer>
        {
            await AlertWorld.PostAsync(new Uri(bearerUrl + "/" + flipped), body),
            await AlertWorld.PostAsync(new Uri(bearerUrl + "/" + "short"), body),
            await AlertWorld.PostAsync(new Uri(bearerUrl + "/" + Uri.EscapeDataString("'; DROP TABLE alert_sources; --")), body),
            await AlertWorld.PostAsync(new Uri(bearerUrl + "/" + new string('k', 4000)), body),
            await AlertWorld.PostAsync(bearerUrl, body, bearer: flipped),
        };
        Assert.All(answers, a =>
        {
            Assert.Equal(404, a.Status);
            Assert.Equal("No alert source has this key.", a.Message);
        });

        var missing = await AlertWorld.PostAsync(bearerUrl, body);
        Assert.Equal(401, missing.Status);
        Assert.Equal("Bearer", missing.WwwAuthenticate);

        await w.CalloutOkAsync("DeleteAlertSource", JsonSerializer.Serialize(new { AlertSourceId = source.GetProperty("AlertSourceId").GetString() }));
        var revoked = await AlertWorld.PostAsync(source, body);
        Assert.Equal(404, revoked.Status);
        Assert.Equal("No alert source has this key.", revoked.Message);
        var pagerDuty = await AlertWorld.PostAsync(new Uri(fixture.Endpoint, "v2/enqueue"), AlertBodies.PagerDuty(key, "trigger", "d"));
        Assert.Equal(404, pagerDuty.Status);
        Assert.Equal("invalid event", pagerDuty.Json.GetProperty("status").GetString());
        Assert.Empty(await w.IncidentListAsync());
    }

    [Fact]
    public async Task a_key_of_one_format_posted_to_another_is_400()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var alertmanager = await w.SourceAsync("ALERTMANAGER");
        var generic = await w.SourceAsync("GENERIC");
        var key = AlertWorld.KeyOf(alertmanager);

        var asGrafana = await AlertWorld.PostAsync(new Uri(fixture.Endpoint, "_callout/alerts/grafana/" + key), AlertBodies.Grafana());
        var asGeneric = await AlertWorld.PostAsync(new Uri(fixture.Endpoint, "_callout/alerts/generic/" + key), """{"dedupKey":"k","title":"t"}""");
        var asPagerDuty = await AlertWorld.PostAsync(new Uri(fixture.Endpoint, "v2/enqueue"), AlertBodies.PagerDuty(key, "trigger", "d"));
        var genericAsAlertmanager = await AlertWorld.PostAsync(
            new Uri(fixture.Endpoint, "_callout/alerts/alertmanager/" + AlertWorld.KeyOf(generic)), AlertBodies.Alertmanager());

        Assert.Equal(400, asGrafana.Status);
        Assert.Contains("reads ALERTMANAGER alerts, not GRAFANA", asGrafana.Message, StringComparison.Ordinal);
        Assert.Equal(400, asGeneric.Status);
        Assert.Equal(400, asPagerDuty.Status);
        Assert.Contains("reads ALERTMANAGER alerts, not PAGERDUTY", asPagerDuty.Json.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(400, genericAsAlertmanager.Status);
        Assert.Empty(await w.IncidentListAsync());
    }

    [Fact]
    public async Task forged_stale_and_missing_grafana_signatures_start_nothing()
    {
        var w = await AlertWorld.NewAsync(fixture);
        const string secret = "grafana-shared-secret-0123456789";
        var source = await w.SourceAsync("GRAFANA", $",\"GrafanaHmacSecret\":\"{secret}\"");
        var url = AlertWorld.UrlOf(source);
        var body = AlertBodies.Grafana();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var answers = new Dictionary<string, AlertAnswer>
        {
            ["unsigned"] = await AlertWorld.PostAsync(url, body),
            ["wrong secret"] = await AlertWorld.PostAsync(url, body, headers: Signature("another-secret-0123456789", body, now)),
            ["other body"] = await AlertWorld.PostAsync(url, body, headers: Signature(secret, AlertBodies.Grafana("resolved"), now)),
            ["stale"] = await AlertWorld.PostAsync(url, body, headers: Signature(secret, body, now - 3600)),
            ["ahead"] = await AlertWorld.PostAsync(url, body, headers: Signature(secret, body, now + 3600)),
            ["timestamp moved"] = await AlertWorld.PostAsync(url, body, headers: new Dictionary<string, string>(Signature(secret, body, now))
            {
                ["X-Grafana-Alerting-Signature-Timestamp"] = (now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            ["garbage"] = await AlertWorld.PostAsync(url, body, headers: new Dictionary<string, string>
            {
                ["X-Grafana-Alerting-Signature"] = new string('z', 5000),
                ["X-Grafana-Alerting-Signature-Timestamp"] = "soon",
            }),
        };

        Assert.All(answers, a => Assert.True(a.Value.Status == 401, $"{a.Key}: {a.Value.Status} {a.Value.Text}"));
        Assert.Contains("signed", answers["unsigned"].Message, StringComparison.Ordinal);
        Assert.Contains("minutes old", answers["stale"].Message, StringComparison.Ordinal);
        Assert.Empty(await w.IncidentListAsync());
    }

    static Dictionary<string, string> Signature(string secret, string body, long timestamp)
    {
        var stamp = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["X-Grafana-Alerting-Signature"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stamp + ":" + body))),
            ["X-Grafana-Alerting-Signature-Timestamp"] = stamp,
        };
    }

    static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
