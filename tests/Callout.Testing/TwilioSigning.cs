using System.Security.Cryptography;
using System.Text;

namespace Callout.Testing;

/// Twilio's request signature, written from Twilio's documentation
/// (https://www.twilio.com/docs/usage/security#validating-requests): Base64 of HMAC-SHA1 keyed with
/// the auth token over the full URL followed by each POST parameter's name and value, sorted by name.
public static class TwilioSigning
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var pair in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(pair.Key).Append(pair.Value);
        }
#pragma warning disable CA5350 // Twilio's scheme.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

}
