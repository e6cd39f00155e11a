using System.Net;
using Callout.Domain.Engagements;

namespace Callout.Server.Inbound;

/// The small pages behind an acknowledgement link. Plain HTML with inline style, no scripts.
static class AckHtml
{
    /// The token is in the URL: keep it out of caches, referrers and search engines.
    public static void Protect(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
    }

    public static IResult Confirm(Page page, Engagement engagement)
    {
        var details = $"<h1>{E(engagement.Subject)}</h1><p>From <b>{E(engagement.Sender)}</b> to <b>{E(page.ContactAlias)}</b>"
            + (engagement.IncidentId is { } incident ? $", incident {E(incident)}" : "") + ".</p>";
        var action = page.ReadTime is { } read
            ? $"<p>This page was acknowledged at {E(read.ToString())}.</p>"
            : "<form method=\"post\"><button type=\"submit\">Acknowledge</button></form>";
        return Html(StatusCodes.Status200OK, "Acknowledge page", details + action);
    }

    public static IResult Acknowledged(Engagement engagement) => Html(StatusCodes.Status200OK, "Acknowledged",
        $"<h1>Acknowledged</h1><p>You acknowledged <b>{E(engagement.Subject)}</b> from {E(engagement.Sender)}.</p>");

    /// 410 Gone: the link was real, and will never work again (docs/decisions.md, Secrets at rest).
    public static IResult NoLongerOpen() => Html(StatusCodes.Status410Gone, "Page no longer open",
        "<h1>This page is no longer open</h1><p>Its engagement has ended, so there is nothing left to acknowledge.</p>");

    public static IResult NotFound() => Html(StatusCodes.Status404NotFound, "Page not found",
        "<h1>Page not found</h1><p>This acknowledgement link is not valid, or its page no longer exists.</p>");

    static IResult Html(int status, string title, string body) => Results.Content(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + $"<title>{E(title)} · Callout</title><style>body{{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em}}"
        + "button{font-size:1.2em;padding:.5em 1.5em}</style></head><body>" + body + "</body></html>",
        "text/html; charset=utf-8", statusCode: status);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
