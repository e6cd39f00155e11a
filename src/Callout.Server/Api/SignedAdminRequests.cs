using Callout.Domain.Arns;
using Callout.Protocol.Auth;
using Callout.Protocol.Errors;
using Callout.Protocol.Framing;
using Callout.Server.Admin;
using Callout.Server.Hosting;

namespace Callout.Server.Api;

/// Under --auth strict, Callout's own endpoints (the outbox, the clock, /metrics when
/// --metrics-auth is signed) need a request signed as for the API: SigV4 over the whole request,
/// scoped to ssm-contacts and checked by the API's own SigV4Authenticator, so
/// `curl --aws-sigv4 "aws:amz:us-east-1:ssm-contacts" --user KEY:SECRET` is enough. Surfaces says
/// which routes carry a proof of their own instead. A refusal is the API's error, in its JSON
/// shape; a signed caller's account and region travel on as a SignedCaller feature. With --auth off
/// nothing is checked, as before.
sealed partial class SignedAdminRequests(
    SigV4Authenticator authenticator, BodyBudget budget, ServerOptions options, ILogger<SignedAdminRequests> log) : IMiddleware
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        if (!authenticator.VerifiesSignatures || !Surfaces.NeedsSignature(endpoint, options))
        {
            await next(http);
            return;
        }
        ApiException? refusal = null;
        long held = 0;
        try
        {
            // The API's order: the headers first, then the body within the shared budget.
            var signed = SignedRequests.From(http.Request, ReadOnlyMemory<byte>.Empty);
            authenticator.Precheck(signed, SigV4Authenticator.SsmContacts);
            var (body, tooMuch) = await BoundedBody.ReadAsync(http.Request.BodyReader, http.Request.ContentLength, options.MaxBodyBytes, budget, http.RequestAborted);
            if (body is null)
            {
                throw tooMuch == BoundedBody.Refusal.OverBudget ? CommonErrors.Throttling() : CommonErrors.PayloadTooLarge(options.MaxBodyBytes);
            }
            held = body.Length;
            var caller = authenticator.Authenticate(signed with { Body = body }, SigV4Authenticator.SsmContacts);
            http.Features.Set(new SignedCaller(AccountScope.For(
                caller.Region ?? options.DefaultRegion,
                authenticator.ResolveAccount(caller.AccessKeyId, options.DefaultAccount)), caller.AccessKeyId!));
            // The endpoint reads the body the signature covered.
            http.Request.Body = new MemoryStream(body, writable: false);
        }
        catch (ApiException e)
        {
            refusal = e;
        }
        catch (Exception e) when (ApiEndpoint.ClientWentAway(e, http))
        {
            budget.Give(held);
            return;
        }
        if (refusal is null)
        {
            try
            {
                await next(http);
            }
            finally
            {
                budget.Give(held);
            }
            return;
        }
        var requestId = RequestIds.Next();
        http.Response.Headers[ResponseFraming.ErrorTypeHeader] = refusal.Code;
        await FramedResponse.WriteAsync(http, refusal.StatusCode, ResponseFraming.ContentType, requestId, ResponseFraming.Error(refusal));
        LogRefused(http.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)", refusal.StatusCode, refusal.Code, requestId);
    }

    /// Names the route's pattern, never the path, which could carry a token.
    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} {Status} {ErrorCode} {RequestId}")]
    partial void LogRefused(string method, string route, int status, string errorCode, string requestId);
}
