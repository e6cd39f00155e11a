using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Errors;
using NodaTime;

namespace Callout.Domain.Channels;

/// Six-digit activation codes, stored only as a salted hash (docs/spec/domain.md §2.2).
public static class ActivationCodes
{
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hash(ContactChannel channel, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channel.Arn + "\n" + code)));

    /// Sends within the last hour beyond the limit are refused; older ones are forgotten.
    public static IReadOnlyList<Instant> RecordSend(ContactChannel channel, Instant now, ServiceLimits limits)
    {
        var recent = channel.ActivationCodesSent.Where(t => now - t < Duration.FromHours(1)).ToList();
        if (recent.Count >= limits.ActivationCodesPerHour)
        {
            throw new QuotaExceeded("L-SSMC-ACTIVATION-CODES-PER-HOUR",
                $"At most {limits.ActivationCodesPerHour} activation codes can be sent to a channel in an hour.",
                channel.Arn.ToString(), ResourceTypes.ContactChannel);
        }
        recent.Add(now);
        return recent;
    }

    public static bool Matches(ContactChannel channel, string code, Instant now) =>
        channel.ActivationCodeHash is { } hash
        && channel.ActivationCodeExpires is { } expires
        && now < expires
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(channel, code)));
}
