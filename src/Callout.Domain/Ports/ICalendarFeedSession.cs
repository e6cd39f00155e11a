using Callout.Domain.CalendarFeeds;
using NodaTime;

namespace Callout.Domain.Ports;

/// The scope's calendar feeds. Fetching a feed by its token spans scopes (IStore.FindCalendarFeedAsync).
public interface ICalendarFeedSession
{
    /// The feed's scope is the session's; a token hash already stored is refused.
    Task InsertCalendarFeedAsync(CalendarFeed feed, CancellationToken ct);

    /// Oldest first (CreatedAt, then Id), starting after (afterCreatedAt, afterId) when given.
    Task<IReadOnlyList<CalendarFeed>> ListCalendarFeedsAsync((Instant CreatedAt, string Id)? after, int limit, CancellationToken ct);

    Task<int> CountCalendarFeedsAsync(CancellationToken ct);

    /// False when the scope has no feed with this id.
    Task<bool> DeleteCalendarFeedAsync(string feedId, CancellationToken ct);
}
