using System.Threading.RateLimiting;

namespace Callout.Server.Api;

/// Token buckets per account and per access key (`--throttle-rate`, `--throttle-burst`): a caller
/// past its rate gets ThrottlingException at once, which every AWS SDK backs off from and retries,
/// instead of a place in a queue that makes everyone's answers late (bench/RESULTS.md). A request
/// takes a token from its account's bucket and, when signed, from its key's.
sealed class RequestThrottle : IDisposable
{
    readonly PartitionedRateLimiter<Caller>? _limiter;

    public RequestThrottle(double rate, int burst)
    {
        if (rate <= 0)
        {
            return;
        }
        // Whole tokens at least every 100 ms, so a high rate refills smoothly and a rate below one
        // a second (tests use them) still refills one token at a time.
        var tokens = Math.Max(1, (int)Math.Floor(rate / 10));
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Min(tokens / rate, TimeSpan.FromDays(1).TotalSeconds)),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        var byAccount = PartitionedRateLimiter.Create<Caller, string>(c => RateLimitPartition.GetTokenBucketLimiter(c.Account, _ => options));
        var byKey = PartitionedRateLimiter.Create<Caller, string>(c => c.AccessKeyId is { } key
            ? RateLimitPartition.GetTokenBucketLimiter(key, _ => options)
            : RateLimitPartition.GetNoLimiter(""));
        _limiter = PartitionedRateLimiter.CreateChained(byAccount, byKey);
    }

    public bool TryAcquire(string account, string? accessKeyId)
    {
        if (_limiter is null)
        {
            return true;
        }
        using var lease = _limiter.AttemptAcquire(new Caller(account, accessKeyId));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();

    readonly record struct Caller(string Account, string? AccessKeyId);
}
