using System.IO.Pipelines;
using Callout.Server.Api;
using Xunit;

namespace Callout.Tests.Auth;

/// Throttling per account and per key, and the shared budget of buffered request bodies. Rates
/// here are one token in 1,000 seconds, so no refill can happen while a test runs.
public sealed class RequestThrottleTests
{
    const double Slow = 0.001;

    [Fact]
    public void an_account_gets_its_burst_and_then_is_throttled()
    {
        using var throttle = new RequestThrottle(Slow, burst: 3);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(throttle.TryAcquire("111122223333", null)));
        Assert.False(throttle.TryAcquire("111122223333", null));
        Assert.True(throttle.TryAcquire("444455556666", null));
    }

    [Fact]
    public void an_account_is_throttled_whichever_of_its_keys_signs()
    {
        using var throttle = new RequestThrottle(Slow, burst: 2);

        Assert.True(throttle.TryAcquire("111122223333", "KEY1"));
        Assert.True(throttle.TryAcquire("111122223333", "KEY2"));
        Assert.False(throttle.TryAcquire("111122223333", "KEY3"));
    }

    [Fact]
    public void a_key_is_throttled_in_whatever_account_it_names()
    {
        // Off mode reads the account from the scope, so one key can speak for many accounts.
        using var throttle = new RequestThrottle(Slow, burst: 2);

        Assert.True(throttle.TryAcquire("111122223333", "KEY"));
        Assert.True(throttle.TryAcquire("222233334444", "KEY"));
        Assert.False(throttle.TryAcquire("333344445555", "KEY"));
    }

    [Fact]
    public void a_rate_of_zero_never_throttles()
    {
        using var throttle = new RequestThrottle(0, burst: 1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(throttle.TryAcquire("111122223333", "KEY")));
    }

    [Fact]
    public async Task a_body_past_the_buffered_budget_is_refused_and_gives_its_bytes_back()
    {
        var budget = new BodyBudget(100);
        Assert.True(budget.TryTake(60));
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[50]);
        await pipe.Writer.CompleteAsync();

        var (body, refusal) = await BoundedBody.ReadAsync(pipe.Reader, 50, 1000, budget, CancellationToken.None);

        Assert.Null(body);
        Assert.Equal(BoundedBody.Refusal.OverBudget, refusal);
        budget.Give(60);
        Assert.True(budget.TryTake(100));
    }

    [Fact]
    public async Task a_body_read_holds_its_length_of_the_budget_until_given_back()
    {
        var budget = new BodyBudget(100);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[70]);
        await pipe.Writer.CompleteAsync();

        var (body, refusal) = await BoundedBody.ReadAsync(pipe.Reader, 70, 1000, budget, CancellationToken.None);

        Assert.Equal(BoundedBody.Refusal.None, refusal);
        Assert.Equal(70, body!.Length);
        Assert.False(budget.TryTake(31));
        budget.Give(70);
        Assert.True(budget.TryTake(100));
    }
}
