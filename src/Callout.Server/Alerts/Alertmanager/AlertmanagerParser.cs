using System.Text;

namespace Callout.Server.Alerts.Alertmanager;

/// Prometheus Alertmanager's webhook body (`webhook_configs`, version 4): the group's key dedupes,
/// `status: "resolved"` resolves. The title is the alert name and the group's summary annotation;
/// the impact comes from the `severity` label (AlertSeverity).
static class AlertmanagerParser
{
    public static AlertSignal? Parse(byte[] body, out string? error)
    {
        using var document = AlertBodyReader.ParseObject(body, out error);
        if (document is null)
        {
            return null;
        }
        var reader = new AlertBodyReader();
        if (AlertGroup.Read(document.RootElement, reader) is not { } group)
        {
            error = reader.Error;
            return null;
        }
        return new AlertSignal(group.Resolved ? AlertAction.Resolve : AlertAction.Trigger, group.GroupKey, group.Title ?? "",
            group.Summary, group.Impact, Encoding.UTF8.GetString(body), group.At);
    }
}
