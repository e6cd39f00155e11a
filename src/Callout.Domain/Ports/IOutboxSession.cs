using Callout.Domain.Outbox;

namespace Callout.Domain.Ports;

/// The local outbox: the messages handed to delivery with no provider configured (listed
/// store-wide by IStore.ListOutboxAsync).
public interface IOutboxSession
{
    Task AppendOutboxAsync(OutboxMessage message, CancellationToken ct);
}
