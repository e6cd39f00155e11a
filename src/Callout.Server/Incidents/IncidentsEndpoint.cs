using System.Diagnostics;
using Callout.Domain.Errors;
using Callout.Protocol.Auth;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;
using Callout.Protocol.Framing;
using Callout.Protocol.RestJson;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using IncidentsCatalog = Callout.Protocol.Incidents.OperationCatalog;

namespace Callout.Server.Incidents;

/// Serves the SSM Incidents rest-json API on the same port as ssm-contacts: read the body,
/// authenticate for `ssm-incidents`, bind path, query and body into the operation's input,
/// validate, run its handler and frame the result (the operation's success status, no body on a
/// 204) or the error (docs/spec/incidents.md §1).
sealed partial class IncidentsEndpoint(
    IServiceProvider services,
    RequestGate gate,
    ApiAudit audit,
    ServerOptions options,
    TimeProvider time,
    ApiMetrics metrics,
    ILogger<IncidentsEndpoint> log)
{
    /// A request is this API's when its method and path name an operation of the model. JSON 1.1
    /// requests carry X-Amz-Target and stay with ssm-contacts whatever their path.
    public static RestMatch? Claim(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey("X-Amz-Target"))
        {
            return null;
        }
        return RestJsonFraming.Router.Match(http.Request.Method, RawPath(http));
    }

    public async Task HandleAsync(HttpContext http, RestMatch match)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = ApiSpans.Start(http, ApiSpans.Incidents);
        var requestId = RequestIds.Next();
        var operation = match.Operation;
        var name = operation.Descriptor.Name;
        byte[] response;
        var status = operation.SuccessCode;
        var code = "OK";
        var contentType = RestJsonFraming.ContentType;
        RequestGate.Admitted? admitted = null;
        // What the audit log needs of a call that fails part-way, as the JSON API keeps it.
        CallerScope? authenticated = null;
        RequestContext? context = null;
        try
        {
            admitted = await gate.AdmitAsync(http, IncidentsCatalog.SigningName);
            var (body, caller, account) = admitted;
            authenticated = caller;
            var region = caller.Region ?? options.DefaultRegion;
            using var json = RestJsonFraming.ParseBody(body);
            var query = RestQuery.Parse(http.Request.QueryString.Value);
            var headers = http.Request.Headers;
            var input = new RestInput(json.RootElement, match.Labels, query,
                h => headers.TryGetValue(h, out var v) ? v.Select(x => x ?? "").ToList() : null);
            context = new RequestContext(requestId, name, account, region, time.GetUtcNow(),
                RestJsonFraming.Fingerprint(match, json.RootElement, query),
                AccessKeyId: caller.AccessKeyId, SourceAddress: ApiAudit.SourceOf(http));
            var write = await RestJsonFraming.InvokeAsync(operation, input, services, context, http.RequestAborted);
            response = RestJsonFraming.Result(operation, write);
            await audit.SucceededAsync(context, requestedResource: null);
        }
        catch (Exception e) when (ApiEndpoint.ClientWentAway(e, http))
        {
            return;
        }
        catch (Exception e)
        {
            var error = e switch
            {
                ApiException api => api,
                DomainException domain => ErrorMapper.ToApi(domain, operation.Descriptor),
                _ => Unexpected(e, requestId, name),
            };
            status = RestJsonErrors.StatusOf(error);
            code = error.Code;
            http.Response.Headers[ResponseFraming.ErrorTypeHeader] = error.Code;
            response = RestJsonErrors.Body(error);
            await audit.RefusedAsync(http, requestId, target: null, authenticated, context, requestedResource: null, error.Code);
        }
        finally
        {
            gate.Release(admitted);
        }

        if (status == 204)
        {
            http.Response.StatusCode = status;
            http.Response.Headers[ResponseFraming.RequestIdHeader] = requestId;
        }
        else
        {
            await FramedResponse.WriteAsync(http, status, contentType, requestId, response);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Observe(name, code, elapsed.TotalSeconds);
        ApiSpans.Finish(span, ApiSpans.Incidents, name, status, code, requestId, context);
        LogRequest(name, status, code, elapsed.TotalMilliseconds, requestId);
    }

    /// The path as sent: ASP.NET Core's Path has decoded everything but `%2F`, which would merge an
    /// encoded ARN's slash with the path's own.
    static string RawPath(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw[0] == '/'
            ? raw
            : http.Request.Path.Value ?? "/";

    ApiException Unexpected(Exception e, string requestId, string operation)
    {
        LogFailure(e, operation, requestId);
        return CommonErrors.InternalFailure(requestId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {ErrorCode} {DurationMs:0.00}ms {RequestId}")]
    partial void LogRequest(string operation, int status, string errorCode, double durationMs, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed unexpectedly; request {RequestId}")]
    partial void LogFailure(Exception exception, string operation, string requestId);
}
