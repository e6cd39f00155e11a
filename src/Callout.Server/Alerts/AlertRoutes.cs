using Callout.Domain.Alerts;

namespace Callout.Server.Alerts;

/// Where each format's alerts are posted. A webhook's key is in its path, or, on the same path
/// without it, in `Authorization: Bearer <key>` (Alertmanager's http_config.authorization and
/// Grafana's authorization header both send that). PagerDuty's Events API v2 has one fixed path
/// and carries the key in the event's routing_key, so clients only change the host.
static class AlertRoutes
{
    public const string Alertmanager = "/_callout/alerts/alertmanager";
    public const string AlertmanagerWithKey = Alertmanager + "/{key}";
    public const string Grafana = "/_callout/alerts/grafana";
    public const string GrafanaWithKey = Grafana + "/{key}";
    public const string Generic = "/_callout/alerts/generic";
    public const string GenericWithKey = Generic + "/{key}";
    public const string PagerDuty = "/v2/enqueue";

    // Mapped by the SNS endpoint (Alerts/Sns); SNS cannot send a bearer token.
    public const string Sns = "/_callout/alerts/sns";
    public const string SnsWithKey = Sns + "/{key}";

    /// The address to paste into the sender, with the key in it where the path carries one, and
    /// the keyless one for senders that put the key in a bearer token (null where none exists).
    public static (Uri Url, Uri? BearerUrl) For(Uri publicUrl, AlertFormat format, string key) => format switch
    {
        AlertFormat.Alertmanager => Webhook(publicUrl, Alertmanager, key),
        AlertFormat.Grafana => Webhook(publicUrl, Grafana, key),
        AlertFormat.Generic => Webhook(publicUrl, Generic, key),
        AlertFormat.PagerDuty => (Under(publicUrl, PagerDuty), null),
        AlertFormat.Sns => (Under(publicUrl, $"{Sns}/{key}"), null),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    static (Uri, Uri?) Webhook(Uri publicUrl, string path, string key) => (Under(publicUrl, $"{path}/{key}"), Under(publicUrl, path));

    // The public URL ends in '/' and may carry a path of its own (a reverse proxy's prefix).
    static Uri Under(Uri publicUrl, string path) => new(publicUrl, path.TrimStart('/'));
}
