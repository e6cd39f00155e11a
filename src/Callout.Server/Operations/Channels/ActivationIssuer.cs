using Callout.Domain;
using Callout.Domain.Channels;
using Callout.Domain.Ports;
using Callout.Engine.Delivery;
using NodaTime;

namespace Callout.Server.Operations.Channels;

/// Activation codes go out through the same providers as pages. A new code is stored in the
/// caller's transaction; the message is sent once that has committed, so a code that was sent is
/// always the one stored. With no provider configured the message lands in the local outbox
/// (GET /_callout/outbox).
sealed partial class ActivationIssuer(ServiceLimits limits, DeliveryRouter router, ILogger<ActivationIssuer> log)
{
    /// The channel with a fresh code, and the message that carries it.
    public static (ContactChannel Channel, string Code) Issue(ContactChannel channel, Instant now, ServiceLimits limits)
    {
        var sent = ActivationCodes.RecordSend(channel, now, limits);
        var code = ActivationCodes.NewCode();
        return (channel with
        {
            Activated = false,
            ActivationCodeHash = ActivationCodes.Hash(channel, code),
            ActivationCodeExpires = now + limits.ActivationCodeLifetime,
            ActivationCodesSent = sent,
        }, code);
    }

    public (ContactChannel Channel, Func<CancellationToken, Task> Deliver) Prepare(ContactChannel channel, Instant now)
    {
        var (issued, code) = Issue(channel, now, limits);
        return (issued, ct => DeliverAsync(issued, code, now, ct));
    }

    /// A provider that refuses the message does not fail the call: the code is stored and a new one
    /// can be asked for; the failure is logged.
    async Task DeliverAsync(ContactChannel channel, string code, Instant now, CancellationToken ct)
    {
        var text = ActivationMessage.For(channel, code);
        var message = new OutgoingMessage(channel.Arn.Scope, $"activation:{channel.Id}:{now.ToUnixTimeMilliseconds()}",
            channel.Kind, channel.Address, text.Subject, text.Body)
        {
            ChannelArn = channel.Arn,
        };
        var provider = router.For(channel.Kind);
        SendResult result;
        try
        {
            result = await provider.SendAsync(message, ct);
        }
        catch (DeliveryOutcomeUnknownException e)
        {
            // The channel and its code are committed; whether the message arrived is unknown, and a
            // new code can always be asked for.
            LogUnknown(e, channel.Arn, provider.Name);
            return;
        }
        if (result.Accepted)
        {
            LogSent(channel.Arn, provider.Name);
        }
        else
        {
            LogRefused(channel.Arn, provider.Name, result.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activation code for {ChannelArn} handed to {Provider}")]
    partial void LogSent(Domain.Arns.ResourceArn channelArn, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation code for {ChannelArn}: {Provider} did not say whether it took the message")]
    partial void LogUnknown(Exception exception, Domain.Arns.ResourceArn channelArn, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation code for {ChannelArn} was refused by {Provider}: {Error}")]
    partial void LogRefused(Domain.Arns.ResourceArn channelArn, string provider, string? error);
}
