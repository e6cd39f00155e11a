using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Testing;

/// The Standard Webhooks scheme (https://www.standardwebhooks.com) as a receiver's library applies
/// it, written from the specification rather than taken from Callout: `webhook-signature` holds
/// space-separated `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`; a `whsec_` secret's
/// key is its base64 part decoded (any other text is taken as UTF-8, as Callout documents).
public static class StandardWebhooks
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static byte[] Key(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret["whsec_".Length..]) : Encoding.UTF8.GetBytes(secret);

    public static string Sign(string secret, string id, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed));
    }

    /// Whether one of the header's signatures is this secret's (the timestamp is not judged here).
    public static bool HasSignature(string secret, string? id, string? timestamp, string? header, byte[] body) =>
        id is not null && header is not null
        && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(Sign(secret, id, seconds, body), StringComparer.Ordinal);

    /// A new `whsec_` secret of 24 random bytes, the length the specification's examples use.
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
