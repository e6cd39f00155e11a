using System.Security.Cryptography;
using System.Text;

namespace Callout.Engine.Delivery;

/// The `X-Callout-Signature` header on webhook posts in both directions:
/// `sha256=` + lower-case hex HMAC-SHA256(secret, raw body).
public static class WebhookSignature
{
    public const string Header = "X-Callout-Signature";
    public const string TimestampHeader = "X-Callout-Timestamp";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header.Trim()));
}
