using NodaTime;

namespace Callout.Domain.Codes;

/// An account's allowance of wrong tries at codes: a token bucket holding at most
/// WrongTriesPerAccount, refilled by one every WrongTryRefill. A wrong try spends one; with less
/// than one left every try is refused, the right code too, so a throttled guesser learns nothing.
public sealed record TryBudget(double Tokens, Instant At)
{
    public static TryBudget Full(ServiceLimits limits, Instant now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new(limits.WrongTriesPerAccount, now);
    }

    /// The budget as it stands at `now`, refilled for the time since it was last touched.
    public TryBudget Refilled(Instant now, ServiceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var elapsed = now > At ? (now - At).TotalTicks / limits.WrongTryRefill.TotalTicks : 0;
        return new(Math.Min(limits.WrongTriesPerAccount, Tokens + elapsed), now > At ? now : At);
    }

    public bool Throttled => Tokens < 1;

    /// How long until a try is allowed again (zero when one is allowed now).
    public Duration RetryAfter(ServiceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Throttled ? Duration.FromTicks((long)Math.Ceiling((1 - Tokens) * limits.WrongTryRefill.TotalTicks)) : Duration.Zero;
    }

    /// One wrong try spent. Tries that raced past the check may take it below zero, so a burst
    /// pays for itself before anything is allowed again.
    public TryBudget Spend() => this with { Tokens = Tokens - 1 };

    public bool IsFull(ServiceLimits limits) => Tokens >= (limits ?? throw new ArgumentNullException(nameof(limits))).WrongTriesPerAccount;
}
