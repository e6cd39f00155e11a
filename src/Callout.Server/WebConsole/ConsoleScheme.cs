using Callout.Server.Hosting;

namespace Callout.Server.WebConsole;

/// Callout reads no forwarded headers (anyone can send X-Forwarded-Proto), so behind a proxy that
/// ends TLS the console learns that its people arrive over https from the operator's --public-url.
/// With an https public URL every console request is taken as https: its cookies are Secure and
/// the single sign-on's return address is https.
sealed class ConsoleScheme(RequestDelegate next, ServerOptions options)
{
    readonly bool https = options.PublicUrl?.Scheme == Uri.UriSchemeHttps;

    public Task InvokeAsync(HttpContext http)
    {
        if (https && ConsoleRoutes.Owns(http.Request.Path))
        {
            http.Request.Scheme = Uri.UriSchemeHttps;
        }
        return next(http);
    }
}
