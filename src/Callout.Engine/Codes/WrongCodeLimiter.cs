using System.Globalization;
using Callout.Domain;
using Callout.Domain.Codes;
using Callout.Domain.Errors;
using NodaTime;

namespace Callout.Engine.Codes;

/// Each account's budget of wrong tries at codes (TryBudget), held in memory on this node. The
/// per-code counts that burn a code live in the store; this only slows a guesser who spreads
/// tries over many codes (docs/decisions.md, Codes). System.Threading.RateLimiting reads its own
/// stopwatch, so it could not follow the injected clock; a bucket per account is all this needs.
public sealed class WrongCodeLimiter(ServiceLimits limits, TimeProvider time)
{
    // Accounts whose budget is full again are dropped when the table grows past this, so an
    // account that guessed wrong once does not stay in memory for the life of the process.
    const int PruneAbove = 10_000;

    readonly Dictionary<string, TryBudget> budgets = new(StringComparer.Ordinal);
    readonly Lock gate = new();

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// Refuses any try, right or wrong, while the account has no wrong tries left.
    public void ThrowIfThrottled(string accountId, string what)
    {
        TryBudget budget;
        lock (gate)
        {
            budget = Current(accountId, Now());
        }
        if (budget.Throttled)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(budget.RetryAfter(limits).TotalSeconds));
            throw new Throttled(
                string.Create(CultureInfo.InvariantCulture,
                    $"Too many wrong {what} codes from account {accountId}; try again in {seconds} seconds."),
                Duration.FromSeconds(seconds));
        }
    }

    public void CountWrongTry(string accountId)
    {
        lock (gate)
        {
            var now = Now();
            budgets[accountId] = Current(accountId, now).Spend();
            if (budgets.Count > PruneAbove)
            {
                foreach (var (account, budget) in budgets.ToList())
                {
                    if (budget.Refilled(now, limits).IsFull(limits))
                    {
                        budgets.Remove(account);
                    }
                }
            }
        }
    }

    TryBudget Current(string accountId, Instant now) =>
        budgets.TryGetValue(accountId, out var budget) ? budget.Refilled(now, limits) : TryBudget.Full(limits, now);
}
