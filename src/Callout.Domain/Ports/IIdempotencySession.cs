using Callout.Domain.Idempotency;
using NodaTime;

namespace Callout.Domain.Ports;

/// The results of earlier calls that carried an idempotency token, within one account and region.
public interface IIdempotencySession
{
    /// The stored result of an earlier call with this token, if it is younger than `notBefore`.
    Task<IdempotencyRecord?> FindIdempotencyAsync(string operation, string token, Instant notBefore, CancellationToken ct);

    Task PutIdempotencyAsync(IdempotencyRecord record, CancellationToken ct);
}
