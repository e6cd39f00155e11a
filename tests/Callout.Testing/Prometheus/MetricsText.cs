using System.Globalization;

namespace Callout.Testing.Prometheus;

/// Reads samples out of the Prometheus text format that the daemons expose on /metrics.
static class MetricsText
{
    /// The sum of the metric's samples that carry `label="value"` (whatever their other labels), 0
    /// when there are none.
    public static double Value(string text, string metric, string label, string value)
    {
        var wanted = $"{label}=\"{value}\"";
        return text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(wanted, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
