using System.Diagnostics;
using Callout.Engine.Tracing;
using Callout.Protocol.Dispatch;

namespace Callout.Server.Api;

/// The span of one API call, named `{service}/{operation}` with OpenTelemetry's RPC attributes for
/// AWS APIs (docs/operations.md, "Traces"). A caller's W3C traceparent header makes it a child of
/// the caller's span. When traces are not exported, Start returns null after the source's check
/// for listeners and every other method returns at its null check.
static class ApiSpans
{
    public const string Contacts = "SSMContacts";
    public const string Incidents = "SSMIncidents";
    // Callout's own operations (`Callout.*` targets, docs/management.md).
    public const string Callout = "Callout";

    public static Activity? Start(HttpContext http, string service)
    {
        if (!Traces.Api.HasListeners())
        {
            return null;
        }
        var headers = http.Request.Headers;
        // The request's own ASP.NET Core span is not exported; should the sampler drop this one,
        // that span stays current for the log lines.
        var current = Activity.Current;
        var span = Traces.StartChildOf(Traces.Api, service, ActivityKind.Server, headers.TraceParent, headers.TraceState);
        if (span is null)
        {
            Activity.Current = current;
            return null;
        }
        if (span.IsAllDataRequested)
        {
            span.SetTag("rpc.system", "aws-api");
            span.SetTag("rpc.service", service);
        }
        return span;
    }

    /// Names the span by its operation once known, and records the answer: HTTP status, request id,
    /// the caller's account and region once known, and the error code of a refusal. Only a server
    /// fault (5xx) marks the span failed; a 4xx is the caller's (OpenTelemetry's rule for server
    /// spans).
    public static void Finish(Activity? span, string service, string operation, int status, string code, string requestId, RequestContext? context)
    {
        if (span is null)
        {
            return;
        }
        span.DisplayName = service + "/" + operation;
        span.SetTag("rpc.service", service);
        span.SetTag("rpc.method", operation);
        span.SetTag("http.response.status_code", status);
        span.SetTag("aws.request_id", requestId);
        if (context is not null)
        {
            span.SetTag("cloud.account.id", context.AccountId);
            span.SetTag("aws.region", context.Region);
        }
        if (code != "OK")
        {
            span.SetTag("error.type", code);
        }
        if (status >= 500)
        {
            span.SetStatus(ActivityStatusCode.Error, code);
        }
    }
}
