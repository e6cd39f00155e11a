using Callout.Domain;
using Callout.Domain.Codes;
using Callout.Domain.Errors;
using Callout.Engine.Codes;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Codes;

public sealed class WrongCodeLimiterTests
{
    static readonly ServiceLimits Limits = new() { WrongTriesPerAccount = 3, WrongTryRefill = Duration.FromMinutes(1) };

    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void an_account_is_throttled_once_its_wrong_tries_are_spent_and_others_are_not()
    {
        var limiter = new WrongCodeLimiter(Limits, time);
        for (var i = 0; i < 3; i++)
        {
            limiter.ThrowIfThrottled("111122223333", "accept");
            limiter.CountWrongTry("111122223333");
        }

        var throttled = Assert.Throws<Throttled>(() => limiter.ThrowIfThrottled("111122223333", "accept"));
        Assert.Equal(Duration.FromMinutes(1), throttled.RetryAfter);
        Assert.Contains("111122223333", throttled.Message, StringComparison.Ordinal);
        limiter.ThrowIfThrottled("444455556666", "accept");
    }

    [Fact]
    public void one_more_wrong_try_is_allowed_for_each_refill_period_that_passes()
    {
        var limiter = new WrongCodeLimiter(Limits, time);
        for (var i = 0; i < 3; i++)
        {
            limiter.CountWrongTry("111122223333");
        }

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Throws<Throttled>(() => limiter.ThrowIfThrottled("111122223333", "activation"));
        time.Advance(TimeSpan.FromSeconds(1));
        limiter.ThrowIfThrottled("111122223333", "activation");
        limiter.CountWrongTry("111122223333");
        Assert.Throws<Throttled>(() => limiter.ThrowIfThrottled("111122223333", "activation"));
    }

    [Fact]
    public void a_burst_past_the_budget_is_paid_back_before_any_try_is_allowed()
    {
        var limiter = new WrongCodeLimiter(Limits, time);
        for (var i = 0; i < 5; i++)
        {
            limiter.CountWrongTry("111122223333");
        }

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Throws<Throttled>(() => limiter.ThrowIfThrottled("111122223333", "accept"));
        time.Advance(TimeSpan.FromMinutes(1));
        limiter.ThrowIfThrottled("111122223333", "accept");
    }

    [Fact]
    public void a_budget_never_refills_past_its_size()
    {
        var budget = TryBudget.Full(Limits, Instant.FromUtc(2026, 12, 1, 12, 0)).Spend();

        var later = budget.Refilled(Instant.FromUtc(2026, 12, 2, 12, 0), Limits);

        Assert.Equal(3, later.Tokens);
        Assert.True(later.IsFull(Limits));
        Assert.Equal(Duration.Zero, later.RetryAfter(Limits));
    }

    [Fact]
    public void a_code_is_burned_at_the_limit_of_wrong_tries()
    {
        var limits = new ServiceLimits();
        Assert.Equal(5, limits.WrongTriesPerCode);
        Assert.False(CodeTries.Burned(4, limits));
        Assert.True(CodeTries.Burned(5, limits));
    }
}
