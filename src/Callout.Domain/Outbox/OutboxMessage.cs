using NodaTime;

namespace Callout.Domain.Outbox;

/// A message handed to delivery. With no provider configured it stays in the local outbox, which
/// the log shows and `GET /_callout/outbox` lists, so channels can be activated offline.
public sealed record OutboxMessage(
    string Id,
    string AccountId,
    string Region,
    string Kind,
    string ChannelType,
    string Address,
    string Subject,
    string Body,
    Instant CreatedAt);
