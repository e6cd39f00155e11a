using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Engine.Delivery;
using Microsoft.Extensions.Time.Testing;

using Xunit;

namespace Callout.Tests.Console;

/// What the admin page shows of a provider: its last success, its last failure with the error,
/// and the newest sends, whatever the provider answered or threw.
public sealed class DeliveryHealthTests
{
    sealed class Scripted(Func<SendResult> answer) : IMessageSender
    {
        public string Name => "webhook";

        public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult(answer());
    }

    static OutgoingMessage Message(string address)
    {
        var scope = AccountScope.For("us-east-1", "111122223333");
        return new OutgoingMessage(scope, "k", ChannelKind.Email, address, "subject", "body") { ChannelArn = ResourceArn.Channel(scope, "a", "c") };
    }

    [Fact]
    public async Task a_refusal_then_a_success_leave_both_times_and_the_refusals_error()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var health = new DeliveryHealth(time);
        var ok = false;
        var sender = health.Watch(new Scripted(() => ok ? SendResult.Ok("id") : SendResult.Failed("HTTP 503", permanent: false)));

        await sender.SendAsync(Message("a@example.com"), CancellationToken.None);
        var failedAt = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(1));
        ok = true;
        await sender.SendAsync(Message("b@example.com"), CancellationToken.None);

        var webhook = health.Providers["webhook"];
        Assert.Equal(failedAt, webhook.LastFailure);
        Assert.Equal("HTTP 503", webhook.LastError);
        Assert.Equal(time.GetUtcNow(), webhook.LastSuccess);
        Assert.Equal(["b@example.com", "a@example.com"], health.Recent.Select(d => d.Address));
    }

    [Fact]
    public async Task a_send_whose_outcome_is_unknown_counts_as_a_failure_and_still_throws()
    {
        var health = new DeliveryHealth(TimeProvider.System);
        var sender = health.Watch(new Scripted(() => throw new DeliveryOutcomeUnknownException("connection reset")));
        await Assert.ThrowsAsync<DeliveryOutcomeUnknownException>(() => sender.SendAsync(Message("a@example.com"), CancellationToken.None));
        Assert.Equal("outcome unknown: connection reset", health.Providers["webhook"].LastError);
    }

    [Fact]
    public async Task only_the_newest_sends_are_kept()
    {
        var health = new DeliveryHealth(TimeProvider.System);
        var sender = health.Watch(new Scripted(() => SendResult.Ok(null)));
        for (var i = 0; i < DeliveryHealth.Kept + 10; i++)
        {
            await sender.SendAsync(Message($"{i}@example.com"), CancellationToken.None);
        }
        Assert.Equal(DeliveryHealth.Kept, health.Recent.Count);
        Assert.Equal($"{DeliveryHealth.Kept + 9}@example.com", health.Recent[0].Address);
    }
}
