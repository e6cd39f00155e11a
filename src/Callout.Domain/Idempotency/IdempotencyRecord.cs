using NodaTime;

namespace Callout.Domain.Idempotency;

/// What a call with an idempotency token produced: a hash of its request (token excluded) and the
/// response body to replay. Kept 24 hours (docs/spec/protocol.md §7).
public sealed record IdempotencyRecord(string Operation, string Token, string RequestHash, byte[] Response, Instant CreatedAt)
{
    public static readonly Duration Lifetime = Duration.FromHours(24);
}
