using System.Net;
using Callout.Server.Hosting.Configuration;

namespace Callout.Server.Hosting;

/// The console's OpenID Connect provider (docs/console.md, Sign-in and users). The authority must
/// be https, except on loopback, where a provider for development or tests may speak plain http:
/// its discovery document and keys then cannot be changed on the way.
public sealed record OidcOptions(Uri Authority, string ClientId, string? ClientSecret, string NameClaim)
{
    internal static OidcOptions? From(Func<Setting, string?> get, string workingDirectory)
    {
        var authority = get(Settings.OidcAuthority);
        var clientId = get(Settings.OidcClientId);
        var secret = get(Settings.OidcClientSecret);
        var secretFile = get(Settings.OidcClientSecretFile);
        if (authority is null)
        {
            return clientId is null && secret is null && secretFile is null
                ? null
                : throw new OptionsException($"The OpenID Connect settings need {Settings.OidcAuthority.Names} too.");
        }
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new OptionsException($"{Settings.OidcAuthority.Names} must be an https URL, not '{authority}'.");
        }
        if (uri.Scheme == "http" && !IsLoopback(uri))
        {
            throw new OptionsException($"{Settings.OidcAuthority.Names} must be https ('{authority}' is http beyond loopback, where the provider's keys could be swapped on the way).");
        }
        if (clientId is null)
        {
            throw new OptionsException($"{Settings.OidcAuthority.Names} needs {Settings.OidcClientId.Names}.");
        }
        if (secret is not null && secretFile is not null)
        {
            throw new OptionsException($"Give {Settings.OidcClientSecret.Names} or {Settings.OidcClientSecretFile.Names}, not both.");
        }
        if (secretFile is not null)
        {
            var path = Path.GetFullPath(secretFile, workingDirectory);
            try
            {
                secret = File.ReadAllText(path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OptionsException($"{Settings.OidcClientSecretFile.Names}: cannot read {path}: {e.Message}");
            }
        }
        var nameClaim = get(Settings.OidcNameClaim) ?? Settings.OidcNameClaim.Default;
        return new OidcOptions(uri, clientId, secret is { Length: > 0 } ? secret : null, nameClaim);
    }

    public bool RequiresHttps => Authority.Scheme == "https";

    static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.TrimStart('[').TrimEnd(']'), out var ip) && IPAddress.IsLoopback(ip));
}
