using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Callout.Server.Alerts.PagerDuty;

/// PagerDuty's Events API v2 alert event (`POST /v2/enqueue`), as Alertmanager's
/// `pagerduty_configs` and Grafana's PagerDuty contact point send it: `routing_key` (the alert
/// source's key), `event_action` trigger/acknowledge/resolve, `dedup_key` (at most 255
/// characters; the dedupe key), and for a trigger the `payload` with `summary`, `source` and
/// `severity` (critical, error, warning or info), all required as PagerDuty requires them.
static class PagerDutyEventParser
{
    public const int MaxDedupKeyLength = 255;

    // PagerDuty's limits (developer docs, "Send an alert event").
    const int MaxSummaryLength = 1024;
    const int MaxSourceLength = 255;

    static readonly string[] Severities = ["critical", "error", "warning", "info"];

    public static PagerDutyEvent? Parse(byte[] body, out string? error)
    {
        using var document = AlertBodyReader.ParseObject(body, out error);
        if (document is null)
        {
            return null;
        }
        var root = document.RootElement;
        var reader = new AlertBodyReader();
        var routingKey = reader.String(root, "routing_key", "routing_key");
        if (routingKey is null && reader.Error is null)
        {
            // Events API v1 (service_key) has another path and shape; say so rather than "missing".
            reader.Reject(root.TryGetProperty("service_key", out _)
                ? "routing_key is required: this is Events API v2; service_key belongs to Events API v1, which Callout does not serve."
                : "routing_key is required: the alert source's key.");
        }
        var action = reader.String(root, "event_action", "event_action", required: true);
        var dedupKey = reader.String(root, "dedup_key", "dedup_key");
        var payload = reader.Object(root, "payload", "payload", required: action == "trigger");
        string? summary = null, source = null, severity = null, timestamp = null;
        if (payload is { } p)
        {
            summary = reader.String(p, "summary", "payload.summary", required: action == "trigger");
            source = reader.String(p, "source", "payload.source", required: action == "trigger");
            severity = reader.String(p, "severity", "payload.severity", required: action == "trigger");
            timestamp = reader.String(p, "timestamp", "payload.timestamp");
        }
        if (reader.Error is null)
        {
            Check(reader, action!, dedupKey, summary, source, severity);
        }
        if (reader.Error is not null)
        {
            error = reader.Error;
            return null;
        }
        var signalAction = action switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            _ => AlertAction.Resolve,
        };
        // A trigger without a dedup key opens an incident of its own; the answer tells the sender
        // the key to resolve it by.
        var key = dedupKey ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var signal = new AlertSignal(signalAction, key, summary ?? "", summary, AlertSeverity.ImpactOf(severity),
            Encoding.UTF8.GetString(body), AlertBodyReader.Time(timestamp));
        return new PagerDutyEvent(routingKey!, key, signal);
    }

    static void Check(AlertBodyReader reader, string action, string? dedupKey, string? summary, string? source, string? severity)
    {
        if (action is not ("trigger" or "acknowledge" or "resolve"))
        {
            reader.Reject("event_action must be trigger, acknowledge or resolve.");
        }
        else if (dedupKey is null && action != "trigger")
        {
            reader.Reject($"dedup_key is required to {action}: the key the trigger was sent (or answered) with.");
        }
        else if (dedupKey is { Length: 0 or > MaxDedupKeyLength })
        {
            reader.Reject($"dedup_key must have 1 to {MaxDedupKeyLength} characters.");
        }
        else if (summary is { Length: > MaxSummaryLength })
        {
            reader.Reject($"payload.summary may have at most {MaxSummaryLength} characters.");
        }
        else if (source is { Length: > MaxSourceLength })
        {
            reader.Reject($"payload.source may have at most {MaxSourceLength} characters.");
        }
        else if (severity is not null && !Severities.Contains(severity, StringComparer.Ordinal))
        {
            reader.Reject("payload.severity must be critical, error, warning or info.");
        }
    }

    /// The body of a PagerDuty answer: `{"status", "message", "dedup_key"}` on success (202) or
    /// `{"status": "invalid event", "message", "errors"}` on a refusal, as PagerDuty writes them.
    public static void WriteSuccess(Utf8JsonWriter w, string dedupKey)
    {
        w.WriteString("status", "success");
        w.WriteString("message", "Event processed");
        w.WriteString("dedup_key", dedupKey);
    }

    public static void WriteInvalid(Utf8JsonWriter w, string reason)
    {
        w.WriteString("status", "invalid event");
        w.WriteString("message", "Event object is invalid");
        w.WriteStartArray("errors");
        w.WriteStringValue(reason);
        w.WriteEndArray();
    }
}
