using Callout.Engine.Processing;
using Xunit;

namespace Callout.Tests.Engine;

/// The engine claims again while earlier claims still run; an end must still wait for every send
/// claimed with it or before it, and for none claimed after it.
public sealed class EndsAfterSendsTests
{
    [Fact]
    public void an_end_waits_for_the_sends_of_its_own_claim()
    {
        var order = new EndsAfterSends();
        var claim = order.Claimed(sends: 2);
        var end = order.SendsThroughAsync(claim);

        order.SendDone(claim);
        Assert.False(end.IsCompleted);
        order.SendDone(claim);
        Assert.True(end.IsCompletedSuccessfully);
    }

    [Fact]
    public void an_end_waits_for_sends_of_earlier_claims_still_running()
    {
        var order = new EndsAfterSends();
        var first = order.Claimed(sends: 1);
        var second = order.Claimed(sends: 1);
        var end = order.SendsThroughAsync(second);

        order.SendDone(second);
        Assert.False(end.IsCompleted);
        order.SendDone(first);
        Assert.True(end.IsCompletedSuccessfully);
    }

    [Fact]
    public void an_end_does_not_wait_for_sends_claimed_after_it()
    {
        var order = new EndsAfterSends();
        var first = order.Claimed(sends: 1);
        var endOfFirst = order.SendsThroughAsync(first);
        var second = order.Claimed(sends: 3);
        var endOfSecond = order.SendsThroughAsync(second);

        order.SendDone(first);
        Assert.True(endOfFirst.IsCompletedSuccessfully);
        Assert.False(endOfSecond.IsCompleted);
    }

    [Fact]
    public void a_group_of_sends_finishing_together_counts_for_each_of_them()
    {
        var order = new EndsAfterSends();
        var claim = order.Claimed(sends: 3);
        var end = order.SendsThroughAsync(claim);

        order.SendDone(claim, sends: 2);
        Assert.False(end.IsCompleted);
        order.SendDone(claim);
        Assert.True(end.IsCompletedSuccessfully);
        Assert.Throws<ArgumentOutOfRangeException>(() => order.SendDone(claim, sends: 0));
    }

    [Fact]
    public void a_claim_of_ends_alone_waits_only_for_earlier_sends()
    {
        var order = new EndsAfterSends();
        var onlyEnds = order.Claimed(sends: 0);
        Assert.True(order.SendsThroughAsync(onlyEnds).IsCompletedSuccessfully);

        var sends = order.Claimed(sends: 1);
        var endsAfter = order.Claimed(sends: 0);
        var end = order.SendsThroughAsync(endsAfter);
        Assert.False(end.IsCompleted);
        order.SendDone(sends);
        Assert.True(end.IsCompletedSuccessfully);
    }
}
