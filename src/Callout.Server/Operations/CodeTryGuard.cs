using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Codes;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Engine.Codes;
using NodaTime;

namespace Callout.Server.Operations;

/// A code the caller typed, checked so that it cannot be guessed (docs/security.md, Codes): an
/// account out of wrong tries is refused before the code is looked at; a code with
/// WrongTriesPerCode wrong tries no longer works; a wrong try is counted in the store, committed
/// although the call fails, and spent from the account's budget.
sealed class CodeTryGuard(ServiceLimits limits, WrongCodeLimiter limiter)
{
    /// `key` is null when there is no code to burn (none was sent); `burned` says how to get a new one.
    public sealed record Code(string? Key, string What, string Field, string Wrong, string Burned);

    public async Task CheckAsync(IStoreSession session, AccountScope scope, Code code, bool matches, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(code);
        limiter.ThrowIfThrottled(scope.AccountId, code.What);
        if (code.Key is not null && CodeTries.Burned(await session.WrongTriesAsync(code.Key, ct), limits))
        {
            limiter.CountWrongTry(scope.AccountId);
            throw new InvalidRequest($"{code.Burned} It had {limits.WrongTriesPerCode} wrong tries.", code.Field);
        }
        if (matches)
        {
            return;
        }
        if (code.Key is not null)
        {
            await session.AddWrongTryAsync(code.Key, now, ct);
            await session.CommitAsync(ct);
        }
        limiter.CountWrongTry(scope.AccountId);
        throw new InvalidRequest(code.Wrong, code.Field);
    }
}
