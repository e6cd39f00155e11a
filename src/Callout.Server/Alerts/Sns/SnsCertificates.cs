using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Callout.Server.Alerts.Sns;

/// What fetching a signing certificate gave: the certificate, or why not. `Unreachable` means the
/// host could not be asked (worth SNS's retry); otherwise the host answered with no certificate.
sealed record SnsCertificateFetch(X509Certificate2? Certificate, bool Unreachable, string? Reason);

/// Fetches SNS signing certificates over HTTPS (SnsTrust decides which hosts, and which TLS roots for
/// them) and keeps them in memory by URL: SNS signs with few certificates, so nearly every message
/// is checked without a fetch. Bounded in size, time and count; no redirect is followed, since it
/// could lead off the host that was checked.
sealed class SnsCertificates(IHttpClientFactory clients)
{
    public const string HttpClientName = "callout-sns";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // An SNS certificate in PEM is about 2 KiB.
    const int MaxBytes = 16 * 1024;

    // Beyond this many URLs the cache starts again: only URLs on SNS hosts that served a certificate
    // get here, so it fills only if someone with a source's key posts many URLs SNS answers.
    const int MaxCached = 64;

    readonly ConcurrentDictionary<string, X509Certificate2> _cache = new(StringComparer.Ordinal);

    public async Task<SnsCertificateFetch> GetAsync(Uri url, CancellationToken ct)
    {
        var key = url.AbsoluteUri;
        if (_cache.TryGetValue(key, out var cached))
        {
            return new(cached, false, null);
        }
        var http = clients.CreateClient(HttpClientName);
        string text;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new(null, false, $"SigningCertURL answered HTTP {(int)response.StatusCode}.");
            }
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return new(null, false, "SigningCertURL served more than a certificate.");
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), ct)) > 0)
            {
                total += read;
            }
            if (total > MaxBytes)
            {
                return new(null, false, "SigningCertURL served more than a certificate.");
            }
            text = Encoding.ASCII.GetString(buffer, 0, total);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new(null, true, "SigningCertURL could not be fetched.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException)
        {
            return new(null, false, "SigningCertURL did not serve a PEM certificate.");
        }
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }
        _cache[key] = certificate;
        return new(certificate, false, null);
    }
}
