using Callout.Protocol.Auth;
using Callout.Protocol.Errors;
using Callout.Server.Hosting;

namespace Callout.Server.Api;

/// The order in which the JSON API and the SSM Incidents API admit a request (docs/security.md,
/// SigV4): the Authorization header first, then the body, read within the shared budget, then the
/// signature over it, then the caller's throttle bucket. Nobody's body is read before their
/// headers pass, and only a signature that holds draws on an account's bucket: an access key id
/// is no secret, and a bucket taken before it would let anyone who read one in a log throttle its
/// account away.
sealed class RequestGate(SigV4Authenticator authenticator, BodyBudget budget, RequestThrottle throttle, ServerOptions options)
{
    /// An admitted request: its body (held in the budget until Release), its verified caller and
    /// the account that caller speaks for.
    public sealed record Admitted(byte[] Body, CallerScope Caller, string Account);

    /// Throws the API's error for a request that may not pass.
    public async Task<Admitted> AdmitAsync(HttpContext http, string service)
    {
        var signed = authenticator.VerifiesSignatures
            ? SignedRequests.From(http.Request, ReadOnlyMemory<byte>.Empty)
            : SignedRequests.ScopeOnly(http.Request);
        var caller = authenticator.Precheck(signed, service);
        var (body, refusal) = await BoundedBody.ReadAsync(
            http.Request.BodyReader, http.Request.ContentLength, options.MaxBodyBytes, budget, http.RequestAborted);
        if (body is null)
        {
            throw refusal == BoundedBody.Refusal.OverBudget ? CommonErrors.Throttling() : CommonErrors.PayloadTooLarge(options.MaxBodyBytes);
        }
        try
        {
            if (authenticator.VerifiesSignatures)
            {
                caller = authenticator.Authenticate(signed with { Body = body }, service);
            }
            var account = authenticator.ResolveAccount(caller.AccessKeyId, options.DefaultAccount);
            if (!throttle.TryAcquire(account, caller.AccessKeyId))
            {
                throw CommonErrors.Throttling();
            }
            return new Admitted(body, caller, account);
        }
        catch
        {
            budget.Give(body.Length);
            throw;
        }
    }

    /// Gives the admitted body's bytes back to the budget once its request is answered.
    public void Release(Admitted? admitted)
    {
        if (admitted is not null)
        {
            budget.Give(admitted.Body.Length);
        }
    }
}
