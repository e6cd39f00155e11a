using Callout.Domain.Arns;
using NodaTime;

namespace Callout.Domain.CalendarFeeds;

/// A calendar feed: whoever holds its token reads one rotation's shifts, or one contact's shifts
/// across every rotation of the scope. Only the token's hash is kept (FeedToken).
public sealed record CalendarFeed(AccountScope Scope, string Id, ResourceArn Target, byte[] TokenHash, Instant CreatedAt)
{
    /// Rotations and contacts have feeds; the target's scope is the feed's.
    public static bool CanTarget(ResourceKind kind) => kind is ResourceKind.Rotation or ResourceKind.Contact;
}
