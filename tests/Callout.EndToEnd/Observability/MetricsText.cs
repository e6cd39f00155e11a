using System.Globalization;

namespace Callout.EndToEnd.Observability;

/// Reads one sample out of GET /metrics (Prometheus text format).
static class MetricsText
{
    static readonly HttpClient Http = new();

    public static Task<string> ScrapeAsync(Uri endpoint) => Http.GetStringAsync(new Uri(endpoint, "metrics"));

    /// The value of the sample written exactly as `series` (name and labels), or null when absent.
    public static double? Value(string text, string series) =>
        text.Split('\n').Where(line => line.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(line => (double?)double.Parse(line[(series.Length + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
