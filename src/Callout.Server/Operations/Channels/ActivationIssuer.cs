using Callout.Domain;
using Callout.Domain.Channels;
using Callout.Domain.Ports;
using NodaTime;

namespace Callout.Server.Operations.Channels;

/// Issues a fresh activation code for a channel and hands it to delivery inside the caller's
/// transaction, so the code that is stored is exactly the code that is sent. Until delivery
/// providers are configured, messages stay in the local outbox (GET /_callout/outbox).
sealed partial class ActivationIssuer(ServiceLimits limits, TimeProvider time, ILogger<ActivationIssuer> log)
{
    public async Task<ContactChannel> IssueAsync(IStoreSession session, ContactChannel channel, Instant now, CancellationToken ct)
    {
        var sent = ActivationCodes.RecordSend(channel, now, limits);
        var code = ActivationCodes.NewCode();
        var issued = channel with
        {
            Activated = false,
            ActivationCodeHash = ActivationCodes.Hash(channel, code),
            ActivationCodeExpires = now + limits.ActivationCodeLifetime,
            ActivationCodesSent = sent,
        };
        var message = ActivationMessage.For(issued, code, Guid.CreateVersion7(time.GetUtcNow()).ToString(), now);
        await session.AppendOutboxAsync(message, ct);
        LogQueued(message.Id, channel.Arn);
        return issued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activation code for {ChannelArn} queued in the local outbox as {MessageId}; GET /_callout/outbox shows it")]
    partial void LogQueued(string messageId, Domain.Arns.ResourceArn channelArn);
}
