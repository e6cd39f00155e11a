using Callout.Server.Hosting;

namespace Callout.Server.WebConsole.Identity;

/// Whether the console offers "Sign in with SSO" (--oidc-authority), for the sign-in page.
sealed class ConsoleOidcSettings(ServerOptions options)
{
    public const string Scheme = "Callout.Console.Oidc";

    /// Where the provider sends the browser back: under /console, which the console claims.
    public const string CallbackPath = ConsoleRoutes.SignIn + "/oidc";

    public bool Configured => options.Oidc is not null;
}
