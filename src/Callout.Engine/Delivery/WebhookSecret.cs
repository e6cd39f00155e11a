using System.Text;

namespace Callout.Engine.Delivery;

/// One key webhook posts are signed with. `whsec_<base64>` is the Standard Webhooks form, whose
/// libraries take it as is; any other text is its UTF-8 bytes, as the key of secrets set before
/// Callout signed that way (a Standard Webhooks library then takes `whsec_` + base64 of them).
public sealed class WebhookSecret
{
    const string Prefix = "whsec_";

    WebhookSecret(byte[] key) => Key = key;

    public ReadOnlyMemory<byte> Key { get; }

    public static bool TryParse(string text, out WebhookSecret secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        secret = null!;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            if (text.Length == 0)
            {
                return false;
            }
            secret = new WebhookSecret(Encoding.UTF8.GetBytes(text));
            return true;
        }
        var encoded = text[Prefix.Length..];
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written) || written == 0)
        {
            return false;
        }
        secret = new WebhookSecret(buffer[..written]);
        return true;
    }

    public static WebhookSecret Parse(string text) =>
        TryParse(text, out var secret) ? secret : throw new FormatException("A webhook secret is whsec_ and base64, or any other non-empty text.");

    /// Secrets separated by spaces (a `whsec_` secret holds none), newest first.
    public static bool TryParseList(string text, out IReadOnlyList<WebhookSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<WebhookSecret>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var secret))
            {
                secrets = [];
                return false;
            }
            parsed.Add(secret);
        }
        secrets = parsed;
        return parsed.Count > 0;
    }
}
