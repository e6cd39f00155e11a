namespace Callout.Testing.Prometheus;

/// An alert as Prometheus posts it to Alertmanager: its labels identify it (the same labels are
/// the same alert), its annotations describe it.
public sealed record Alert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    public static Alert Named(string name, string summary, string severity = "critical") => new(
        new Dictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = name, ["severity"] = severity },
        new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = summary });
}
