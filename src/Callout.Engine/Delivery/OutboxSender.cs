using System.Security.Cryptography;
using System.Text;
using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Outbox;
using Callout.Domain.Ports;
using NodaTime;

namespace Callout.Engine.Delivery;

/// The provider when none is configured: the message is stored in the local outbox, which the log
/// mentions and `GET /_callout/outbox` lists, so Callout works offline. A page's message id is
/// derived from its send's idempotency key and the store keeps the first message of an id, so a
/// send made again after a crash (its outcome not yet recorded) is neither lost nor stored twice.
public sealed class OutboxSender(IStore store, TimeProvider time) : IMessageSender
{
    public string Name => "outbox";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var id = message.PageArn is null ? Guid.CreateVersion7(time.GetUtcNow()).ToString() : IdOf(message);
        await using var session = await store.OpenAsync(message.Scope, write: true, ct);
        // Page sends name their page; anything else through the router is an activation code.
        var kind = message.PageArn is null ? "ACTIVATION" : "PAGE";
        var channel = message.ChannelArn;
        await session.AppendOutboxAsync(new OutboxMessage(id, message.Scope.AccountId, message.Scope.Region, kind,
            ExternalNames.ChannelKinds.Of(message.Channel), message.Address, message.Subject, message.Body, now,
            ResourceArn.Contact(channel.Scope, channel.Alias).ToString(), channel.ToString(),
            message.PageArn?.ToString(), message.EngagementArn?.ToString()), ct);
        await session.CommitAsync(ct);
        return SendResult.Ok("outbox-" + id);
    }

    /// A GUID-shaped id named by the send's scope and key: the same send always gets the same id.
    static string IdOf(OutgoingMessage message)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{message.Scope.AccountId}/{message.Scope.Region}/{message.IdempotencyKey}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
