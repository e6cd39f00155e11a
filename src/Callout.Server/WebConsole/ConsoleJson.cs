using System.Globalization;
using System.Text.Json;

namespace Callout.Server.WebConsole;

/// Reading the operations' answers for a page.
static class ConsoleJson
{
    /// An epoch-seconds timestamp (fractional), as the JSON 1.1 answers carry them.
    public static DateTimeOffset Time(JsonElement seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds.GetDecimal() * 1000));

    /// The form a `<time datetime>` element takes, which console.js shows in the viewer's zone.
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
