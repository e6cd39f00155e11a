using System.Diagnostics;
using Callout.Engine.Tracing;

namespace Callout.Server.Alerts;

/// The span of one alert post, named by its method and route (`POST /_callout/alerts/generic/{key}`,
/// never the key itself) and a child of the sender's traceparent. The engagements an alert starts
/// store it, so the alert's path to the provider is one trace (docs/operations.md, "Traces").
static class AlertSpans
{
    public static RouteHandlerBuilder Traced(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(TraceAsync);

    static async ValueTask<object?> TraceAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (!Traces.Api.HasListeners())
        {
            return await next(invocation);
        }
        var http = invocation.HttpContext;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "alert";
        var method = http.Request.Method;
        using var span = Traces.StartChildOf(Traces.Api, method + " " + route, ActivityKind.Server,
            http.Request.Headers.TraceParent, http.Request.Headers.TraceState);
        span?.SetTag("http.request.method", method);
        span?.SetTag("http.route", route);
        object? result;
        try
        {
            result = await next(invocation);
        }
        catch (Exception e)
        {
            Traces.Failed(span, e.GetType().Name);
            throw;
        }
        if (span is not null)
        {
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            span.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                Traces.Failed(span, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (status >= 400)
            {
                span.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return result;
    }
}
