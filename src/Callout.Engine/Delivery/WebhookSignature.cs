using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Engine.Delivery;

/// Standard Webhooks signatures (https://www.standardwebhooks.com), on webhook posts in both
/// directions: `webhook-signature` holds `v1,<base64 HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")>`
/// for each key, separated by spaces, so a receiver holding either the old or the new secret of a
/// rotation can verify. The timestamp is signed, so a captured post cannot be replayed later.
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// The earlier scheme (hex HMAC of the body alone), still sent on our posts for one release so
    /// receivers can move over; never accepted inbound, as it does not cover the timestamp
    /// (docs/decisions.md).
    public const string LegacyHeader = "X-Callout-Signature";
    public const string LegacyTimestampHeader = "X-Callout-Timestamp";

    public static string Sign(WebhookSecret secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "v1," + Convert.ToBase64String(Mac(secret, id, timestamp, body));
    }

    /// One signature per secret, in the order given.
    public static string SignAll(IReadOnlyList<WebhookSecret> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var signatures = new string[secrets.Count];
        for (var i = 0; i < secrets.Count; i++)
        {
            signatures[i] = Sign(secrets[i], id, timestamp, body);
        }
        return string.Join(' ', signatures);
    }

    /// Whether any `v1` signature in the header is that of any of the secrets; other versions are
    /// skipped, as the standard asks.
    public static bool Matches(IReadOnlyList<WebhookSecret> secrets, string id, long timestamp, ReadOnlySpan<byte> body, string header)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(header);
        var expected = new List<byte[]>(secrets.Count);
        foreach (var secret in secrets)
        {
            expected.Add(Mac(secret, id, timestamp, body));
        }
        var given = new byte[32];
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("v1,", StringComparison.Ordinal)
                || !Convert.TryFromBase64String(part[3..], given, out var written) || written != given.Length)
            {
                continue;
            }
            foreach (var mac in expected)
            {
                if (CryptographicOperations.FixedTimeEquals(mac, given))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// `sha256=` + lower-case hex HMAC-SHA256(key, body): the deprecated X-Callout-Signature.
    public static string SignLegacy(WebhookSecret secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret.Key.Span, body));
    }

    static byte[] Mac(WebhookSecret secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret.Key.Span);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
