using Callout.Server.Alerts;
using Callout.Server.WebConsole;
using Callout.Server.Hosting;
using Callout.Server.Management.CalendarFeeds;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Callout.Server.Admin;

/// What protects each of Callout's own routes (docs/security.md, "Surfaces"). Under --auth strict
/// every route needs a SigV4-signed request unless it is listed here with the proof it carries
/// instead, so a new endpoint is closed until someone decides otherwise; /metrics follows
/// --metrics-auth. Routes are named by their pattern, as mapped.
static partial class Surfaces
{
    static readonly Dictionary<string, string> OwnProof = new(StringComparer.Ordinal)
    {
        // Probes answer load balancers and orchestrators, which send no credentials; they tell
        // only ok or failing (and the failing check's exception type).
        ["/health"] = "nothing (readiness probe)",
        ["/health/live"] = "nothing (liveness probe)",
        // People and providers answer pages here; none of them can sign as an AWS client.
        ["/_callout/ack/{token}"] = "the sealed token of the acknowledgement link",
        ["/_callout/voice/{token}"] = "X-Twilio-Signature and the page's sealed token",
        ["/_callout/twilio/sms"] = "X-Twilio-Signature",
        ["/_callout/twilio/status"] = "X-Twilio-Signature",
        ["/_callout/webhook/ack"] = "webhook-signature (Standard Webhooks, the webhook secret)",
        // Alert senders (Alertmanager, Grafana, PagerDuty clients, scripts) cannot sign as AWS
        // clients; they present an alert source's key (docs/alerts.md).
        [AlertRoutes.AlertmanagerWithKey] = "the alert source's key",
        [AlertRoutes.Alertmanager] = "the alert source's key as a bearer token",
        [AlertRoutes.GrafanaWithKey] = "the alert source's key (and its HMAC signature when the source has a secret)",
        [AlertRoutes.Grafana] = "the alert source's key as a bearer token (and its HMAC signature when the source has a secret)",
        [AlertRoutes.GenericWithKey] = "the alert source's key",
        [AlertRoutes.Generic] = "the alert source's key as a bearer token",
        [AlertRoutes.PagerDuty] = "the alert source's key as the event's routing_key",
        // SNS cannot sign as an AWS client of Callout; it signs each message itself.
        [Alerts.Sns.SnsEndpoint.Route] = "the alert source's key and SNS's message signature (its topic on the source's allow-list)",
        // Calendar apps send no credentials either.
        [CalendarFeedUrls.Route] = "the feed's secret token",
        // Answers only a 404 saying feeds now need a token.
        ["/_callout/rotations/{rotationId}/calendar.ics"] = "nothing (the old feed address; answers how to get a token)",
    };

    const string Metrics = "/metrics";

    /// Whether a request routed to `endpoint` must be signed when signatures are verified. An
    /// endpoint without a pattern (routing's own 405 answer) is treated as closed.
    public static bool NeedsSignature(Endpoint? endpoint, ServerOptions options) => Pattern(endpoint) switch
    {
        null => endpoint is not null,
        Metrics => options.EffectiveMetricsAuth() == MetricsAuth.Signed,
        var pattern when ConsoleRoutes.OwnsPattern(pattern) => false,
        var pattern => !OwnProof.ContainsKey(pattern),
    };

    // People use the console from a browser, which cannot sign as an AWS client: its pages need a
    // console sign-in (a session cookie, or --auth off on loopback), its assets are public files.
    const string ConsoleProof = "a console sign-in (session cookie; under --auth off, a request from loopback)";

    /// One Debug line per route at start-up: its methods, its pattern and what protects it. The
    /// end-to-end tests read them to request every route unsigned (SurfaceMapTests).
    public static void LogAtStart(WebApplication app, ServerOptions options, bool verifiesSignatures)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Callout.Server.Admin.Surfaces");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
            foreach (var route in routes)
            {
                var methods = route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? string.Join(',', m) : "*";
                // Razor Pages' patterns have no leading slash; the log names every route as a path.
                var pattern = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
                var protection = ConsoleRoutes.OwnsPattern(pattern) ? ConsoleProof
                    : !NeedsSignature(route, options) ? OwnProof.GetValueOrDefault(pattern, "nothing (--metrics-auth open)")
                    : verifiesSignatures ? "a SigV4-signed request"
                    : "nothing (--auth off)";
                LogSurface(log, methods, pattern, protection);
            }
            LogCount(log, routes.Count);
        });
    }

    static string? Pattern(Endpoint? endpoint) => (endpoint as RouteEndpoint)?.RoutePattern.RawText;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Surface {Methods} {Route}: {Protection}")]
    static partial void LogSurface(ILogger logger, string methods, string route, string protection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Surfaces: {Count} routes")]
    static partial void LogCount(ILogger logger, int count);
}
