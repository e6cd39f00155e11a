using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.Testing.Prometheus;

/// Where one Alertmanager receiver sends: Alertmanager's webhook, or the PagerDuty Events API v2
/// at a URL of our choosing. Both send resolved notifications, which Alertmanager leaves off for
/// webhooks unless asked.
public abstract record AlertmanagerReceiver
{
    internal abstract (string List, JsonObject Config) ToConfig();
}

/// `webhook_configs`, with the key as a bearer token (`http_config.authorization`) when given.
public sealed record WebhookReceiver(Uri Url, string? BearerToken) : AlertmanagerReceiver
{
    internal override (string, JsonObject) ToConfig()
    {
        var config = new JsonObject { ["url"] = Url.ToString(), ["send_resolved"] = true };
        if (BearerToken is not null)
        {
            config["http_config"] = new JsonObject
            {
                ["authorization"] = new JsonObject { ["type"] = "Bearer", ["credentials"] = BearerToken },
            };
        }
        return ("webhook_configs", config);
    }
}

/// `pagerduty_configs` pointed at another Events API v2 endpoint (`url`).
public sealed record PagerDutyReceiver(Uri Url, string RoutingKey) : AlertmanagerReceiver
{
    internal override (string, JsonObject) ToConfig() =>
        ("pagerduty_configs", new JsonObject { ["url"] = Url.ToString(), ["routing_key"] = RoutingKey, ["send_resolved"] = true });
}

/// An Alertmanager configuration: one route grouping by alert name into one receiver. The
/// timings are short so a test sees the first notification, repeats and the resolve within
/// seconds. Written as JSON, which Alertmanager's YAML loader reads as it is.
public sealed record AlertmanagerConfig(IReadOnlyList<AlertmanagerReceiver> Receivers)
{
    /// How long a new group waits for more alerts before its first notification.
    public TimeSpan GroupWait { get; init; } = TimeSpan.FromMilliseconds(500);

    /// How often a group's changes (a resolve among them) are sent.
    public TimeSpan GroupInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// How soon an unchanged firing group is sent again.
    public TimeSpan RepeatInterval { get; init; } = TimeSpan.FromHours(1);

    public string ToJson()
    {
        var receiver = new JsonObject { ["name"] = "callout" };
        foreach (var (list, config) in Receivers.Select(r => r.ToConfig()))
        {
            if (receiver[list] is not JsonArray configs)
            {
                receiver[list] = configs = [];
            }
            configs.Add(config);
        }
        var root = new JsonObject
        {
            ["route"] = new JsonObject
            {
                ["receiver"] = "callout",
                ["group_by"] = new JsonArray("alertname"),
                ["group_wait"] = Duration(GroupWait),
                ["group_interval"] = Duration(GroupInterval),
                ["repeat_interval"] = Duration(RepeatInterval),
            },
            ["receivers"] = new JsonArray(receiver),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    static string Duration(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
