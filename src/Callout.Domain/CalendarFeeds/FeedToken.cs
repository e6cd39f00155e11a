using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Domain.CalendarFeeds;

/// A feed's secret: 256 random bits in unpadded base64url (43 characters), so it fits a URL path
/// as is. The store keeps only its SHA-256, which is enough to find the feed and useless for
/// building its URL.
public static class FeedToken
{
    const int Bytes = 32;

    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }

    /// Whether the text could be a token at all; anything else is not looked up.
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
