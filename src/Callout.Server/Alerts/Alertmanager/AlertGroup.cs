using System.Text.Json;
using NodaTime;

namespace Callout.Server.Alerts.Alertmanager;

/// One notification of an Alertmanager alert group, as Alertmanager's webhook (version 4) and
/// Grafana's (which extends it) both post it: the group's key, whether it fires or is resolved,
/// and what an incident shows of it. Several alerts of a group are one incident: its groupKey.
sealed record AlertGroup(string GroupKey, bool Resolved, string? Title, string? Summary, int? Impact, Instant? At)
{
    /// The group in `root`, or null with the reader's Error saying what is wrong.
    public static AlertGroup? Read(JsonElement root, AlertBodyReader reader)
    {
        var groupKey = reader.String(root, "groupKey", "groupKey", required: true);
        var status = reader.String(root, "status", "status", required: true);
        var commonLabels = reader.StringMap(root, "commonLabels", "commonLabels");
        var commonAnnotations = reader.StringMap(root, "commonAnnotations", "commonAnnotations");
        var alerts = new List<(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, Instant? StartsAt)>();
        var items = reader.ObjectArray(root, "alerts", "alerts") ?? [];
        for (var i = 0; i < items.Count && reader.Error is null; i++)
        {
            var path = $"alerts[{i}]";
            reader.String(items[i], "status", path + ".status");
            var labels = reader.StringMap(items[i], "labels", path + ".labels");
            var annotations = reader.StringMap(items[i], "annotations", path + ".annotations");
            var startsAt = AlertBodyReader.Time(reader.String(items[i], "startsAt", path + ".startsAt"));
            alerts.Add((labels, annotations, startsAt));
        }
        if (reader.Error is not null)
        {
            return null;
        }
        if (status is not ("firing" or "resolved"))
        {
            return Invalid(reader, $"status must be \"firing\" or \"resolved\", not \"{Shorten(status!)}\".");
        }

        var alertname = commonLabels.GetValueOrDefault("alertname") ?? NameOfFirst(alerts.Select(a => a.Labels));
        var summary = commonAnnotations.GetValueOrDefault("summary")
            ?? commonAnnotations.GetValueOrDefault("description")
            ?? (alerts.Count == 1 ? alerts[0].Annotations.GetValueOrDefault("summary") ?? alerts[0].Annotations.GetValueOrDefault("description") : null);
        var title = alertname is not null && summary is not null ? $"{alertname}: {summary}" : alertname ?? summary;
        // The group's severity, else its most severe alert's.
        var impact = AlertSeverity.ImpactOf(commonLabels.GetValueOrDefault("severity"))
            ?? alerts.Select(a => AlertSeverity.ImpactOf(a.Labels.GetValueOrDefault("severity"))).Where(i => i is not null).Min();
        var at = alerts.Select(a => a.StartsAt).Where(t => t is not null).Min();
        return new AlertGroup(groupKey!, status == "resolved", title, summary, impact, at);
    }

    /// The first alert's name, saying how many others the group holds when they differ.
    static string? NameOfFirst(IEnumerable<IReadOnlyDictionary<string, string>> labels)
    {
        var names = labels.Select(l => l.GetValueOrDefault("alertname")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return names.Count switch
        {
            0 => null,
            1 => names[0],
            _ => $"{names[0]} and {names.Count - 1} more",
        };
    }

    static AlertGroup? Invalid(AlertBodyReader reader, string message)
    {
        reader.Reject(message);
        return null;
    }

    static string Shorten(string text) => text.Length <= 64 ? text : AlertText.Clip(text, 64) + "…";
}
