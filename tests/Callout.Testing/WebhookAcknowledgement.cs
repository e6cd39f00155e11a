namespace Callout.Testing;

/// A signed acknowledgement as a webhook receiver sends it: the exact body and headers, so a test
/// can send it again byte for byte (a replay) or change one part of it.
public sealed record WebhookAcknowledgement(byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public WebhookAcknowledgement With(string header, string value) =>
        this with { Headers = [.. Headers.Where(h => !h.Key.Equals(header, StringComparison.OrdinalIgnoreCase)), new(header, value)] };

    public WebhookAcknowledgement Without(string header) =>
        this with { Headers = [.. Headers.Where(h => !h.Key.Equals(header, StringComparison.OrdinalIgnoreCase))] };
}
