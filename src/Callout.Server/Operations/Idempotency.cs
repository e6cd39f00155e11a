using System.Text;
using Callout.Domain.Errors;
using Callout.Domain.Idempotency;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;

namespace Callout.Server.Operations;

/// Idempotency tokens (docs/spec/protocol.md §7): a retry with the same token and the same request gets
/// the ARN the first call created; the same token on a different request is a conflict. The replay
/// check runs before any other rule, or a retried create would fail on its own alias.
static class Idempotency
{
    public static async Task<string?> ReplayAsync(IStoreSession session, RequestContext context, string? token, string resourceType, CancellationToken ct)
    {
        if (token is null || context.Fingerprint is null)
        {
            return null;
        }
        var now = context.Now();
        var earlier = await session.FindIdempotencyAsync(context.Operation, token, now - IdempotencyRecord.Lifetime, ct);
        if (earlier is null)
        {
            return null;
        }
        var arn = Encoding.UTF8.GetString(earlier.Response);
        if (earlier.RequestHash != context.Fingerprint)
        {
            throw new ResourceConflict(arn, resourceType,
                $"IdempotencyToken '{token}' was already used for a different {context.Operation} request.");
        }
        // The replay's audit record names what the first call created (an override's is an id, not an ARN).
        if (arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            context.Audit.ResourceArn = arn;
        }
        return arn;
    }

    public static Task RememberAsync(IStoreSession session, RequestContext context, string? token, string arn, CancellationToken ct) =>
        token is null || context.Fingerprint is null
            ? Task.CompletedTask
            : session.PutIdempotencyAsync(
                new IdempotencyRecord(context.Operation, token, context.Fingerprint, Encoding.UTF8.GetBytes(arn), context.Now()), ct);
}
