using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// The answer of Callout.CreateAlertSource, the only time its key is known, with the
/// configuration to paste into the sender (IntegrationSnippets). Carried across the creation's
/// redirect in TempData, which is sealed and read once.
sealed record CreatedIntegration(string Name, string Format, string Key, string Url, string? BearerUrl,
    string? GrafanaHmacSecret, IReadOnlyList<string> SnsTopicArns)
{
    public IReadOnlyList<(string Title, string Text)> Snippets => IntegrationSnippets.For(this);

    public static string Keep(JsonElement answer, string? grafanaHmacSecret) => new JsonObject
    {
        ["Name"] = answer.GetProperty("Name").GetString(),
        ["Format"] = answer.GetProperty("Format").GetString(),
        ["Key"] = answer.GetProperty("Key").GetString(),
        ["Url"] = answer.GetProperty("Url").GetString(),
        ["BearerUrl"] = WireValues.Text(answer, "BearerUrl"),
        ["GrafanaHmacSecret"] = grafanaHmacSecret is { Length: > 0 } ? grafanaHmacSecret : null,
        ["SnsTopicArns"] = answer.TryGetProperty("SnsTopicArns", out var topics) ? JsonNode.Parse(topics.GetRawText()) : null,
    }.ToJsonString();

    public static CreatedIntegration? From(string kept)
    {
        try
        {
            using var json = JsonDocument.Parse(kept);
            var r = json.RootElement;
            return new CreatedIntegration(r.GetProperty("Name").GetString()!, r.GetProperty("Format").GetString()!,
                r.GetProperty("Key").GetString()!, r.GetProperty("Url").GetString()!, WireValues.Text(r, "BearerUrl"),
                WireValues.Text(r, "GrafanaHmacSecret"),
                r.TryGetProperty("SnsTopicArns", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : []);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
