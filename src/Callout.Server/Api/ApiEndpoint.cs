using System.Diagnostics;
using System.Text.Json;
using Callout.Domain.Errors;
using Callout.Protocol.Auth;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;
using Callout.Protocol.Framing;
using Callout.Server.Audit;
using Callout.Server.Hosting;
using Callout.Server.Management;
using Callout.Storage;

namespace Callout.Server.Api;

/// Serves the SSMContacts JSON 1.1 API on every path: read the body, authenticate, find the
/// operation, validate, run its handler and frame the result or the error (docs/spec/protocol.md).
/// Callout's own operations (`Callout.*` targets, docs/management.md) share the same framing.
sealed partial class ApiEndpoint(
    IServiceProvider services,
    ManagementCatalog management,
    RequestGate gate,
    ServerOptions options,
    TimeProvider time,
    ApiMetrics metrics,
    StoreHealth storeHealth,
    ApiAudit audit,
    ILogger<ApiEndpoint> log)
{
    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        // Current until the request's log line is written, so a JSON line names the exported trace.
        using var span = ApiSpans.Start(http, ApiSpans.Contacts);
        var requestId = RequestIds.Next();
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        OperationDescriptor? operation = null;
        string? name = null;
        byte[] response;
        int status = 200;
        var code = "OK";
        RequestGate.Admitted? admitted = null;
        // What the audit log needs to know of a call that fails part-way (ApiAudit): the caller
        // once authenticated, and the context once the request has one.
        CallerScope? authenticated = null;
        RequestContext? context = null;
        string? requestedResource = null;
        try
        {
            admitted = await gate.AdmitAsync(http, SigV4Authenticator.SsmContacts);
            var (body, caller, account) = admitted;
            authenticated = caller;
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                throw CommonErrors.UnknownOperation(target);
            }
            var region = caller.Region ?? options.DefaultRegion;
            Action<Utf8JsonWriter> write;
            if (ManagementCatalog.Claims(target))
            {
                var own = management.Resolve(target);
                name = target;
                using var json = RequestFraming.ParseBody(body);
                requestedResource = AuditedOperations.ResourceOf(json.RootElement);
                context = new RequestContext(requestId, target, account, region, time.GetUtcNow(),
                    AccessKeyId: caller.AccessKeyId, SourceAddress: ApiAudit.SourceOf(http));
                write = await own.HandleAsync(new ManagementRequest(json.RootElement), context, http.RequestAborted);
            }
            else
            {
                operation = RequestFraming.ResolveTarget(target);
                name = operation.Name;
                using var json = RequestFraming.ParseBody(body);
                requestedResource = AuditedOperations.ResourceOf(json.RootElement);
                context = new RequestContext(
                    requestId,
                    operation.Name,
                    account,
                    region,
                    time.GetUtcNow(),
                    operation.HasIdempotencyToken || operation.PaginatedResultKey is not null ? RequestFingerprint.Compute(json.RootElement) : null,
                    caller.AccessKeyId,
                    ApiAudit.SourceOf(http));
                write = await RequestFraming.InvokeAsync(operation, json.RootElement, services, context, http.RequestAborted);
            }
            response = ResponseFraming.Result(write);
            await audit.SucceededAsync(context, requestedResource);
        }
        catch (Exception e) when (ClientWentAway(e, http))
        {
            // Nobody is left to answer.
            return;
        }
        catch (Exception e)
        {
            var error = e switch
            {
                ApiException api => api,
                DomainException domain => ErrorMapper.ToApi(domain, operation),
                _ when StoreFaults.Of(e) == StoreFault.Full => Unavailable(e, requestId, name),
                _ => Unexpected(e, requestId, name),
            };
            status = error.StatusCode;
            code = error.Code;
            http.Response.Headers[ResponseFraming.ErrorTypeHeader] = error.Code;
            response = ResponseFraming.Error(error);
            await audit.RefusedAsync(http, requestId, target, authenticated, context, requestedResource, error.Code);
        }
        finally
        {
            gate.Release(admitted);
        }

        await FramedResponse.WriteAsync(http, status, ResponseFraming.ContentType, requestId, response);

        var elapsed = Stopwatch.GetElapsedTime(started);
        name ??= "Unknown";
        metrics.Observe(name, code, elapsed.TotalSeconds);
        if (span is not null)
        {
            var own = ManagementCatalog.Claims(name);
            ApiSpans.Finish(span, own ? ApiSpans.Callout : ApiSpans.Contacts, own ? name[ManagementCatalog.TargetPrefix.Length..] : name, status, code, requestId, context);
        }
        LogRequest(name, status, code, elapsed.TotalMilliseconds, requestId);
    }

    ApiException Unexpected(Exception e, string requestId, string? operation)
    {
        storeHealth.Saw(e);
        LogFailure(e, operation ?? "Unknown", requestId);
        return CommonErrors.InternalFailure(requestId);
    }

    /// The store's disk is full: nothing was written, and the same call succeeds once space
    /// returns, so the caller is told to try again later (AWS's ServiceUnavailable, which SDKs retry).
    ApiException Unavailable(Exception e, string requestId, string? operation)
    {
        LogStoreFull(operation ?? "Unknown", requestId, e.Message);
        return CommonErrors.ServiceUnavailable(requestId);
    }

    /// A client that closes the connection mid-body or cancels is not a server failure.
    internal static bool ClientWentAway(Exception e, HttpContext http) =>
        http.RequestAborted.IsCancellationRequested
        || e is BadHttpRequestException or Microsoft.AspNetCore.Connections.ConnectionResetException
        || (e is IOException && http.RequestAborted.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {ErrorCode} {DurationMs:0.00}ms {RequestId}")]
    partial void LogRequest(string operation, int status, string errorCode, double durationMs, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} could not be stored, the store's disk is full ({Reason}); request {RequestId} was told to try again")]
    partial void LogStoreFull(string operation, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed unexpectedly; request {RequestId}")]
    partial void LogFailure(Exception exception, string operation, string requestId);
}
