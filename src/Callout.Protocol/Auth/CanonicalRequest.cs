using System.Security.Cryptography;
using System.Text;

namespace Callout.Protocol.Auth;

/// docs/spec/protocol.md §9 step 3, checked bit for bit against botocore's SigV4Auth.canonical_request.
internal static class CanonicalRequest
{
    public static string Build(SignedRequest request, string signedHeaders)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method.ToUpperInvariant()).Append('\n');
        sb.Append(EncodePath(request.Path)).Append('\n');
        sb.Append(EncodeQuery(request.QueryString)).Append('\n');
        foreach (var name in HeaderNames(signedHeaders))
        {
            sb.Append(name).Append(':').Append(HeaderValue(request.Headers, name)).Append('\n');
        }
        sb.Append('\n');
        sb.Append(signedHeaders).Append('\n');
        // Always the hash of the bytes received: botocore would put a sent X-Amz-Content-SHA256 here
        // instead, which is the same value when honest and a mismatch (as it should be) when not.
        sb.Append(Convert.ToHexStringLower(SHA256.HashData(request.Body.Span)));
        return sb.ToString();
    }

    /// Non-S3 services encode each segment twice: the client encodes the path it sends, then
    /// quotes that encoded path again to sign it (botocore's `quote(path, safe='/~')`, the JS SDK's
    /// `escapeUri` of its escaped path). So the canonical URI is the path exactly as received,
    /// with empty and dot segments removed as both clients do, and each segment encoded once more:
    /// an ARN sent as `arn%3Aaws…%2Fname` signs as `arn%253Aaws…%252Fname`. The decoded path
    /// cannot stand in for it: `%2F` inside a segment would be taken for a separator.
    public static string EncodePath(string rawPath)
    {
        ArgumentNullException.ThrowIfNull(rawPath);
        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                continue;
            }
            segments.Add(Encode(segment));
        }
        var trailing = segments.Count > 0 && rawPath.EndsWith('/') ? "/" : "";
        return "/" + string.Join('/', segments) + trailing;
    }

    public static string EncodeQuery(string query)
    {
        var pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? "" : pair[(eq + 1)..];
                return (Name: Encode(Unescape(name)), Value: Encode(Unescape(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Name}={p.Value}"));
    }

    /// RFC 3986: everything but A-Z a-z 0-9 - _ . ~ becomes %XX of its UTF-8 bytes, hex in upper case.
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<string> HeaderNames(string signedHeaders) => signedHeaders
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(name => name.ToLowerInvariant())
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal);

    private static string HeaderValue(IReadOnlyList<KeyValuePair<string, string>> headers, string name) => string.Join(
        ',',
        headers
            .Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(h => CollapseWhitespace(h.Value)));

    // botocore's `' '.join(value.split())`: trim, and any whitespace run becomes one space.
    private static string CollapseWhitespace(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Uri.UnescapeDataString leaves a malformed escape as sent; the signature check then decides.
    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
