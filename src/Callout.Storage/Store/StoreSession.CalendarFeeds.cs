using Callout.Domain.CalendarFeeds;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// Calendar feeds of the scope.
internal abstract partial class StoreSession
{
    public async Task InsertCalendarFeedAsync(CalendarFeed feed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feed);
        await WriteAsync(Write("""
                INSERT INTO calendar_feeds (account_id, region, id, token_hash, target_kind, target_id, created_at)
                VALUES (@account, @region, @id, @token_hash, @target_kind, @target_id, @created_at)
                """)
            .Bind("@id", feed.Id)
            .Bind("@token_hash", feed.TokenHash)
            .Bind("@target_kind", CalendarFeedRows.KindText(feed.Target.Kind))
            .Bind("@target_id", CalendarFeedRows.TargetId(feed.Target))
            .Bind("@created_at", Columns.Millis(feed.CreatedAt)), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CalendarFeed>> ListCalendarFeedsAsync((Instant CreatedAt, string Id)? after, int limit, CancellationToken ct) =>
        await ListAsync(Read(CalendarFeedRows.Select + " AND account_id = @account AND region = @region"
                + (after is null ? "" : " AND (created_at, id) > (@after_created, @after_id)")
                + " ORDER BY created_at, id LIMIT @limit")
            .Bind("@after_created", Columns.Millis(after?.CreatedAt))
            .Bind("@after_id", after?.Id)
            .Bind("@limit", limit), CalendarFeedRows.Read, ct).ConfigureAwait(false);

    public async Task<int> CountCalendarFeedsAsync(CancellationToken ct) =>
        await CountAsync(Read("SELECT count(*) FROM calendar_feeds WHERE account_id = @account AND region = @region"), ct).ConfigureAwait(false);

    public async Task<bool> DeleteCalendarFeedAsync(string feedId, CancellationToken ct) =>
        await ExecuteAsync(Write("DELETE FROM calendar_feeds WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", feedId), ct).ConfigureAwait(false) > 0;
}
