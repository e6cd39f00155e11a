using System.Diagnostics;
using System.Net.Http.Headers;
using Callout.Protocol.Auth;
using Callout.Protocol.Errors;
using Callout.Protocol.Query;
using Callout.Server.Api;
using Callout.Server.Hosting;

namespace Callout.Server.Sts;

/// STS GetCallerIdentity in the AWS query protocol, on the API's own port, so clients that ask
/// STS for their account first (Terraform's AWS provider, `aws sts get-caller-identity`) work
/// with nothing skipped. The account comes from the access key exactly as for the JSON API.
sealed partial class StsEndpoint(
    SigV4Authenticator authenticator,
    RequestThrottle throttle,
    BodyBudget budget,
    ServerOptions options,
    ApiMetrics metrics,
    ILogger<StsEndpoint> log)
{
    const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    const string Version = "2011-06-15";
    const string GetCallerIdentity = "GetCallerIdentity";
    const string FormContentType = "application/x-www-form-urlencoded";

    /// Whether a request may be STS's, judged without its body: a GET or POST outside Callout's own
    /// paths, not naming a JSON operation, with Action in its query or a form body. JSON 1.1 requests
    /// carry X-Amz-Target; GETs that Callout's own endpoints answer stay theirs.
    public static bool MayClaim(HttpContext http)
    {
        var request = http.Request;
        if (request.Headers.ContainsKey("X-Amz-Target") || request.Path.StartsWithSegments("/_callout"))
        {
            return false;
        }
        if (HttpMethods.IsGet(request.Method))
        {
            return http.GetEndpoint() is null && request.Query.ContainsKey("Action");
        }
        return HttpMethods.IsPost(request.Method) && (request.Query.ContainsKey("Action") || IsForm(request));
    }

    /// A form POST whose body names no Action is not a query-protocol request: `notOurs` (the JSON
    /// API) answers it as it did before STS was served.
    public async Task HandleAsync(HttpContext http, RequestDelegate notOurs)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Next();
        var action = "Unknown";
        byte[] response;
        var status = 200;
        var code = "OK";
        long held = 0;
        try
        {
            // Checked before the body is read, as the JSON API does; which of the two services the
            // request is for shows only in its body.
            var caller = Precheck(http.Request);
            if (!throttle.TryAcquire(authenticator.ResolveAccount(caller.AccessKeyId, options.DefaultAccount), caller.AccessKeyId))
            {
                throw QueryErrors.Throttling();
            }
            var (body, refusal) = await BoundedBody.ReadAsync(http.Request.BodyReader, http.Request.ContentLength, options.MaxBodyBytes, budget, http.RequestAborted);
            if (body is null)
            {
                throw refusal == BoundedBody.Refusal.OverBudget ? QueryErrors.Throttling() : QueryErrors.TooLarge(options.MaxBodyBytes);
            }
            held = body.Length;
            var query = QueryString(http.Request);
            if (!QueryParameters.NamesAction(query.Span) && !(IsForm(http.Request) && QueryParameters.NamesAction(body)))
            {
                // The JSON API reads it afresh, within the budget, once this request lets go of it.
                budget.Give(held);
                held = 0;
                http.Request.Body = new MemoryStream(body, writable: false);
                await notOurs(http);
                return;
            }
            var parameters = QueryParameters.Parse(query, IsForm(http.Request) ? body : ReadOnlyMemory<byte>.Empty);
            if (parameters["Action"] == GetCallerIdentity)
            {
                action = GetCallerIdentity;
            }
            caller = Authenticate(http.Request, body);
            var identity = Answer(parameters, caller);
            response = QueryFraming.Result(GetCallerIdentity, Namespace,
                [new("Arn", identity.Arn), new("UserId", identity.UserId), new("Account", identity.Account)],
                requestId);
        }
        catch (Exception e) when (ApiEndpoint.ClientWentAway(e, http))
        {
            return;
        }
        catch (Exception e)
        {
            var error = e as QueryException ?? Unexpected(e, requestId);
            status = error.StatusCode;
            code = error.Code;
            response = QueryFraming.Error(error, Namespace, requestId);
        }
        finally
        {
            budget.Give(held);
        }

        await FramedResponse.WriteAsync(http, status, QueryFraming.ContentType, requestId, response);

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Observe(action, code, elapsed.TotalSeconds);
        LogRequest(action, status, code, elapsed.TotalMilliseconds, requestId);
    }

    static readonly string[] EitherService = [SigV4Authenticator.Sts, SigV4Authenticator.SsmContacts];

    CallerScope Precheck(HttpRequest request)
    {
        try
        {
            return authenticator.Precheck(
                authenticator.VerifiesSignatures ? SignedRequests.From(request, ReadOnlyMemory<byte>.Empty) : SignedRequests.ScopeOnly(request),
                EitherService);
        }
        catch (ApiException e)
        {
            throw QueryErrors.FromAuthentication(e);
        }
    }

    CallerScope Authenticate(HttpRequest request, byte[] body)
    {
        try
        {
            return authenticator.Authenticate(
                authenticator.VerifiesSignatures ? SignedRequests.From(request, body) : SignedRequests.ScopeOnly(request),
                SigV4Authenticator.Sts);
        }
        catch (ApiException e)
        {
            throw QueryErrors.FromAuthentication(e);
        }
    }

    CallerIdentity Answer(QueryParameters parameters, CallerScope caller)
    {
        var action = parameters["Action"];
        if (string.IsNullOrEmpty(action))
        {
            throw QueryErrors.MissingAction();
        }
        var version = parameters["Version"] ?? throw QueryErrors.MissingParameter("Version");
        if (action != GetCallerIdentity || version != Version)
        {
            throw QueryErrors.InvalidAction(action, version);
        }
        return CallerIdentity.RootOf(
            authenticator.ResolveAccount(caller.AccessKeyId, options.DefaultAccount),
            caller.Region ?? options.DefaultRegion);
    }

    QueryException Unexpected(Exception e, string requestId)
    {
        LogFailure(e, requestId);
        return QueryErrors.InternalFailure(requestId);
    }

    static bool IsForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && string.Equals(type.MediaType, FormContentType, StringComparison.OrdinalIgnoreCase);

    // The raw query, escapes and all, so it is decoded by the same strict rules as a form body.
    static ReadOnlyMemory<byte> QueryString(HttpRequest request) =>
        request.QueryString.HasValue ? System.Text.Encoding.UTF8.GetBytes(request.QueryString.Value![1..]) : ReadOnlyMemory<byte>.Empty;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Status} {ErrorCode} {DurationMs:0.00}ms {RequestId}")]
    partial void LogRequest(string operation, int status, string errorCode, double durationMs, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "An STS request failed unexpectedly; request {RequestId}")]
    partial void LogFailure(Exception exception, string requestId);
}
