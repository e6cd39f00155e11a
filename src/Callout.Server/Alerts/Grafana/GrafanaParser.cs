using System.Text;
using Callout.Server.Alerts.Alertmanager;

namespace Callout.Server.Alerts.Grafana;

/// Grafana Alerting's webhook body (version 1): Alertmanager's group, with `title`, `message`,
/// `state` and `orgId` added. It is read as Alertmanager's (one incident per groupKey, resolved by
/// `status: "resolved"`), with Grafana's title and message when the group has no name or summary.
static class GrafanaParser
{
    public static AlertSignal? Parse(byte[] body, out string? error)
    {
        using var document = AlertBodyReader.ParseObject(body, out error);
        if (document is null)
        {
            return null;
        }
        var reader = new AlertBodyReader();
        var group = AlertGroup.Read(document.RootElement, reader);
        var title = reader.String(document.RootElement, "title", "title");
        var message = reader.String(document.RootElement, "message", "message");
        if (group is null || reader.Error is not null)
        {
            error = reader.Error;
            return null;
        }
        return new AlertSignal(group.Resolved ? AlertAction.Resolve : AlertAction.Trigger, group.GroupKey, group.Title ?? title ?? "",
            group.Summary ?? message, group.Impact, Encoding.UTF8.GetString(body), group.At);
    }
}
