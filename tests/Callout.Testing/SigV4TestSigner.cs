using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Testing;

/// Signs requests with AWS Signature Version 4 as AWS documents it ("Create a signed AWS API
/// request"), written out again on this side so the server's verifier is checked against an
/// independent signer: a canonical request of method, path, sorted query, the host and every
/// x-amz-* header and the body's SHA-256, then a key derived from the secret, date, region and service.
public sealed class SigV4TestSigner(string accessKeyId, string secretAccessKey, string region, string service = SigV4TestSigner.SsmContacts)
{
    public const string SsmContacts = "ssm-contacts";

    public string Region => region;

    /// Adds X-Amz-Date and Authorization to `request`, whose body (if any) is `body`.
    public HttpRequestMessage Sign(HttpRequestMessage request, byte[]? body = null, DateTimeOffset? at = null)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var now = (at ?? DateTimeOffset.UtcNow).UtcDateTime;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);

        // Host and every x-amz-* header, as the server requires them signed.
        var signed = request.Headers
            .Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(v => v.Trim()))))
            .Append((Name: "host", Value: host))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', signed.Select(h => h.Name));
        var canonical = string.Join('\n',
            request.Method.Method,
            CanonicalPath(uri.AbsolutePath),
            CanonicalQuery(uri.Query),
            string.Concat(signed.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(body ?? [])));
        var scope = $"{day}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), day);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return request;
    }

    /// As botocore signs for every service but S3: the path as sent (already percent-encoded, as
    /// Uri.AbsolutePath keeps it) is encoded once more, so `%3A` signs as `%253A`.
    static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Encode));

    static string CanonicalQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }
        return string.Join('&', query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// RFC 3986: everything but unreserved characters, percent-encoded in upper-case hex.
    static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }

    static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
