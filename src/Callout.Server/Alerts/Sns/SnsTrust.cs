using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Callout.Server.Hosting;
using Callout.Server.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Callout.Server.Alerts.Sns;

/// Which hosts may serve SNS signing certificates and subscription URLs: SNS's own
/// (sns.<region>.amazonaws.com, .com.cn in China, the pattern AWS's message validators use) and, only
/// when configured, extra hosts with extra TLS roots trusted for those hosts alone
/// (CALLOUT_SNS_TRUSTED_HOSTS, CALLOUT_SNS_TRUSTED_CERTIFICATES; docs/security.md, "SNS alerts").
/// Those settings exist for tests and private SNS-compatible senders; by default only AWS is trusted.
sealed partial class SnsTrust
{
    [GeneratedRegex(@"^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SnsHost();

    readonly IReadOnlyList<(string Host, int Port)> _extraHosts;
    readonly X509Certificate2Collection _extraRoots;

    public SnsTrust(IReadOnlyList<(string Host, int Port)> extraHosts, X509Certificate2Collection extraRoots)
    {
        _extraHosts = extraHosts;
        _extraRoots = extraRoots;
    }

    public static SnsTrust AwsOnly { get; } = new([], []);

    /// The extra hosts as configured, for the start-up warning.
    public IReadOnlyList<string> ExtraHosts => [.. _extraHosts.Select(h => $"{h.Host}:{h.Port}")];

    public static SnsTrust From(IConfiguration configuration, string workingDirectory)
    {
        var hosts = configuration[Settings.SnsTrustedHosts.Key] is { Length: > 0 } h ? ParseHosts(h) : [];
        var roots = new X509Certificate2Collection();
        if (configuration[Settings.SnsTrustedCertificates.Key] is { Length: > 0 } file)
        {
            var path = Path.GetFullPath(file, workingDirectory);
            try
            {
                roots.ImportFromPemFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new OptionsException($"{Settings.SnsTrustedCertificates.Names}: cannot read certificates from '{path}': {e.Message}");
            }
            if (roots.Count == 0)
            {
                throw new OptionsException($"{Settings.SnsTrustedCertificates.Names}: '{path}' holds no PEM certificate.");
            }
            if (hosts.Count == 0)
            {
                throw new OptionsException($"{Settings.SnsTrustedCertificates.Names} trusts certificates only for {Settings.SnsTrustedHosts.Names}, which is not set.");
            }
        }
        return new SnsTrust(hosts, roots);
    }

    static List<(string, int)> ParseHosts(string value)
    {
        var hosts = new List<(string, int)>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate("https://" + entry, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.UserInfo.Length > 0
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || entry.Contains('/', StringComparison.Ordinal))
            {
                throw new OptionsException($"{Settings.SnsTrustedHosts.Names} takes host or host:port names separated by ',', not '{entry}'.");
            }
            hosts.Add((uri.IdnHost, uri.Port));
        }
        return hosts;
    }

    /// Null when `text` is an https URL on a trusted host (a signing certificate's path ending in
    /// .pem), else why not. Checked before anything is fetched from it.
    public string? CheckUrl(string member, string text, bool certificate, out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return $"{member} is not a URL.";
        }
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"{member} must be an https URL.";
        }
        if (uri.UserInfo.Length > 0)
        {
            return $"{member} must not carry a user name.";
        }
        if (!IsSnsHost(uri) && !IsExtraHost(uri))
        {
            return $"{member} must be on an SNS host (sns.<region>.amazonaws.com), not '{uri.IdnHost}'.";
        }
        if (certificate && !uri.AbsolutePath.EndsWith(".pem", StringComparison.Ordinal))
        {
            return $"{member} must name a .pem file.";
        }
        url = uri;
        return null;
    }

    static bool IsSnsHost(Uri uri) => SnsHost().IsMatch(uri.IdnHost);

    bool IsExtraHost(Uri uri) =>
        _extraHosts.Any(h => string.Equals(h.Host, uri.IdnHost, StringComparison.OrdinalIgnoreCase) && h.Port == uri.Port);

    /// TLS to SNS hosts trusts the system's roots only; to an extra host, also the configured roots.
    public bool AcceptsServerCertificate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || _extraRoots.Count == 0
            || request.RequestUri is not { } uri || !IsExtraHost(uri))
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(certificate);
    }
}
