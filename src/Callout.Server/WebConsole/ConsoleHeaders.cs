namespace Callout.Server.WebConsole;

/// Response headers on every console answer. The policy allows only the console's own scripts,
/// styles and images (no inline script, no eval), so a value that slipped past encoding still
/// cannot run; pages may not be framed; nothing the console shows is cached by shared caches.
sealed class ConsoleHeaders(RequestDelegate next)
{
    const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        if (ConsoleRoutes.Owns(http.Request.Path))
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (!http.Request.Path.StartsWithSegments(ConsoleRoutes.Assets))
            {
                // As antiforgery sets them on every page with a form, so it need not override (and warn).
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }
        }
        return next(http);
    }
}
