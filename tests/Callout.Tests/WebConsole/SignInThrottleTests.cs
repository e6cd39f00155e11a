using Callout.Server.WebConsole.Identity;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Callout.Tests.WebConsole;

public sealed class SignInThrottleTests
{
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void a_name_is_locked_after_five_wrong_tries_until_the_lockout_passes()
    {
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.MaxFailuresPerName - 1; i++)
        {
            throttle.Failed("alice", "198.51.100.1");
            Assert.Null(throttle.LockedUntil("alice", "198.51.100.1"));
        }

        throttle.Failed("alice", "198.51.100.1");

        Assert.Equal(time.GetUtcNow() + SignInThrottle.FirstLockout, throttle.LockedUntil("alice", "198.51.100.2"));
        Assert.Null(throttle.LockedUntil("bob", "198.51.100.1"));
        time.Advance(SignInThrottle.FirstLockout - TimeSpan.FromSeconds(1));
        Assert.NotNull(throttle.LockedUntil("alice", null));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(throttle.LockedUntil("alice", null));
    }

    [Fact]
    public void each_further_lockout_of_a_name_lasts_twice_as_long_up_to_an_hour()
    {
        var throttle = new SignInThrottle(time);
        var lockouts = new List<TimeSpan>();
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < SignInThrottle.MaxFailuresPerName; i++)
            {
                throttle.Failed("alice", null);
            }
            var until = throttle.LockedUntil("alice", null)!.Value;
            lockouts.Add(until - time.GetUtcNow());
            time.Advance(until - time.GetUtcNow());
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60], lockouts.Select(l => l.TotalMinutes));
    }

    [Fact]
    public void an_address_guessing_many_names_is_locked_whatever_name_it_tries_next()
    {
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress; i++)
        {
            throttle.Failed("name" + i, "198.51.100.7");
        }

        Assert.NotNull(throttle.LockedUntil("someone-else", "198.51.100.7"));
        Assert.Null(throttle.LockedUntil("someone-else", "198.51.100.8"));
    }

    [Fact]
    public void a_success_clears_the_names_count_but_not_the_addresss()
    {
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.MaxFailuresPerName - 1; i++)
        {
            throttle.Failed("alice", "198.51.100.1");
        }
        throttle.Succeeded("alice");
        throttle.Failed("alice", "198.51.100.1");

        Assert.Null(throttle.LockedUntil("alice", null));
    }
}
