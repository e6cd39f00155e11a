using System.Text.Json;

namespace Callout.EndToEnd.Alerts;

/// Bodies as Alertmanager (webhook version 4), Grafana (webhook version 1) and PagerDuty Events
/// API v2 clients post them.
static class AlertBodies
{
    public static string Alertmanager(string status = "firing", string groupKey = "{}:{alertname=\"HighLatency\"}", string severity = "critical") =>
        JsonSerializer.Serialize(new
        {
            receiver = "callout",
            status,
            alerts = new[]
            {
                new
                {
                    status,
                    labels = new Dictionary<string, string> { ["alertname"] = "HighLatency", ["instance"] = "api-1:9100", ["severity"] = severity },
                    annotations = new Dictionary<string, string> { ["summary"] = "p99 above 2s" },
                    startsAt = "2026-12-06T10:00:00Z",
                    endsAt = "0001-01-01T00:00:00Z",
                    generatorURL = "http://prometheus:9090/graph",
                    fingerprint = "c4b1a9d2e3f40516",
                },
            },
            groupLabels = new Dictionary<string, string> { ["alertname"] = "HighLatency" },
            commonLabels = new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = severity },
            commonAnnotations = new Dictionary<string, string> { ["summary"] = "p99 above 2s" },
            externalURL = "http://alertmanager:9093",
            version = "4",
            groupKey,
            truncatedAlerts = 0,
        });

    public static string Grafana(string status = "firing", string groupKey = "{}/{team=\"web\"}:{alertname=\"CPU\"}") =>
        JsonSerializer.Serialize(new
        {
            receiver = "callout",
            status,
            orgId = 1,
            alerts = new[]
            {
                new
                {
                    status,
                    labels = new Dictionary<string, string> { ["alertname"] = "CPU", ["team"] = "web" },
                    annotations = new Dictionary<string, string>(),
                    startsAt = "2026-12-06T10:00:00Z",
                    fingerprint = "57c6d9296de2ad39",
                },
            },
            groupLabels = new Dictionary<string, string> { ["alertname"] = "CPU" },
            commonLabels = new Dictionary<string, string> { ["alertname"] = "CPU", ["team"] = "web" },
            commonAnnotations = new Dictionary<string, string>(),
            externalURL = "http://grafana:3000/",
            version = "1",
            groupKey,
            truncatedAlerts = 0,
            title = "[FIRING:1] CPU (web)",
            state = status == "firing" ? "alerting" : "ok",
            message = "CPU above 90%",
        });

    public static string PagerDuty(string routingKey, string action, string? dedupKey, string summary = "[FIRING:1] DiskFull (db-1)") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = dedupKey,
            ["payload"] = new { summary, source = "prometheus", severity = "error" },
            ["client"] = "Alertmanager",
        }, WithoutNulls);

    static readonly JsonSerializerOptions WithoutNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
