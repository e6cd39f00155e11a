using NodaTime;

namespace Callout.Domain.Outbox;

/// A message handed to delivery. With no provider configured it stays in the local outbox, which
/// the log shows and `GET /_callout/outbox` lists, so channels can be activated offline.
/// The ARNs say whom the message is for: the contact and channel of every message, and the page
/// and engagement of a page. They are null for messages stored before the outbox kept them.
public sealed record OutboxMessage(
    string Id,
    string AccountId,
    string Region,
    string Kind,
    string ChannelType,
    string Address,
    string Subject,
    string Body,
    Instant CreatedAt,
    string? ContactArn = null,
    string? ChannelArn = null,
    string? PageArn = null,
    string? EngagementArn = null);
