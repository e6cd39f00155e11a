using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Domain.Alerts;

/// An alert source's secret key: 256 random bits in unpadded base64url (43 characters), so it fits
/// a URL path, a bearer token and PagerDuty's routing_key as is. As with calendar feed tokens, the
/// store keeps only its SHA-256: enough to find the source, useless for posting to it.
public static class AlertSourceKey
{
    const int Bytes = 32;

    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.ASCII.GetBytes(key));
    }

    /// Whether the text could be a key at all; anything else is not looked up.
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
