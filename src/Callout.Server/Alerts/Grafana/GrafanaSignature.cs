using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Server.Alerts.Grafana;

/// Grafana Alerting's webhook HMAC (grafana/alerting http/hmac.go): the lowercase hex of
/// HMAC-SHA256 with the shared secret (its UTF-8 bytes, as is) over the body, or over
/// `{timestamp}:{body}` when the contact point names a timestamp header, which then carries the
/// Unix seconds of sending. Grafana lets both header names be chosen; we read the documented
/// default and the sender's own default for the signature, and the two names Grafana's examples
/// use for the timestamp (docs/alerts.md).
static class GrafanaSignature
{
    public static readonly string[] SignatureHeaders = ["X-Grafana-Alerting-Signature", "X-Grafana-Alert-Signature"];
    public static readonly string[] TimestampHeaders = ["X-Grafana-Alerting-Signature-Timestamp", "X-Grafana-Alerting-Timestamp"];

    /// How far a timestamp may be from this server's clock, either way.
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public enum Check
    {
        Valid,
        Missing,
        Mismatch,
        TooOld,
        TooNew,
    }

    public static string Sign(string secret, byte[] body, string? timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(body, timestamp)));

    /// Whether `signature` is the secret's over the body (and `timestamp`, when given, which must
    /// then be within Tolerance of `now`). The comparison takes the same time wherever it differs.
    public static Check Verify(string secret, byte[] body, string? signature, string? timestamp, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return Check.Missing;
        }
        if (timestamp is not null)
        {
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return Check.Mismatch;
            }
            var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (age > Tolerance)
            {
                return Check.TooOld;
            }
            if (age < -Tolerance)
            {
                return Check.TooNew;
            }
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.Trim());
        }
        catch (FormatException)
        {
            return Check.Mismatch;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(body, timestamp));
        return CryptographicOperations.FixedTimeEquals(expected, given) ? Check.Valid : Check.Mismatch;
    }

    static byte[] Signed(byte[] body, string? timestamp)
    {
        if (timestamp is null)
        {
            return body;
        }
        var prefix = Encoding.ASCII.GetBytes(timestamp + ":");
        return [.. prefix, .. body];
    }
}
