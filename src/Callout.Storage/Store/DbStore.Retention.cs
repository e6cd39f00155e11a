using System.Data.Common;
using System.Text.Json;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// The retention purge (IRetentionStore), written once for both databases. A batch is one write
/// transaction of its own: it picks the oldest finished items by an index on their end, deletes
/// them again under their conditions (so an item that changed since it was picked stays), and
/// then their parts by the ids the delete returned. A database spells a list of ids its own way
/// (IdsIn), and decides who may purge and how space goes back.
public abstract partial class DbStore
{
    /// Runs `work` in one write transaction of its own, outside any session; `statement` makes a
    /// command in it. Committed when `work` returns, rolled back when it throws.
    private protected abstract Task<T> InTransactionAsync<T>(Func<Func<string, DbCommand>, Task<T>> work, CancellationToken ct);

    /// A subquery of the ids in the JSON array of strings bound to `parameter`.
    private protected abstract string IdsIn(string parameter);

    public abstract Task<IAsyncDisposable?> TryLeadPurgeAsync(CancellationToken ct);

    public abstract Task<long> ReclaimSpaceAsync(CancellationToken ct);

    const string StoppedEngagements = """
        SELECT e.account_id, e.region, e.id FROM engagements e
        WHERE e.stop_time IS NOT NULL AND e.stop_time < @before
          AND NOT EXISTS (SELECT 1 FROM steps s
                          WHERE s.account_id = e.account_id AND s.region = e.region AND s.engagement_id = e.id AND NOT s.done)
        ORDER BY e.stop_time LIMIT @limit
        """;

    public Task<int> PurgeEngagementsAsync(Instant before, int limit, CancellationToken ct) =>
        PurgeBatchAsync(StoppedEngagements, before, limit,
            async (statement, scope, ids) =>
            {
                var gone = await DeleteReturningIdsAsync(statement($"""
                    DELETE FROM engagements
                    WHERE account_id = @account AND region = @region AND id IN ({IdsIn("@ids")})
                      AND stop_time IS NOT NULL AND stop_time < @before
                      AND NOT EXISTS (SELECT 1 FROM steps s
                                      WHERE s.account_id = @account AND s.region = @region AND s.engagement_id = engagements.id AND NOT s.done)
                    RETURNING id
                    """), scope, ids, before, ct).ConfigureAwait(false);
                if (gone.Count > 0)
                {
                    // Receipts and delivery records hang on the pages, so they go before them.
                    var pages = $"SELECT id FROM pages WHERE account_id = @account AND region = @region AND engagement_id IN ({IdsIn("@ids")})";
                    foreach (var sql in new[]
                    {
                        $"DELETE FROM receipts WHERE account_id = @account AND region = @region AND page_id IN ({pages})",
                        $"DELETE FROM deliveries WHERE account_id = @account AND region = @region AND page_id IN ({pages})",
                        $"DELETE FROM pages WHERE account_id = @account AND region = @region AND engagement_id IN ({IdsIn("@ids")})",
                        $"DELETE FROM acknowledgements WHERE account_id = @account AND region = @region AND engagement_id IN ({IdsIn("@ids")})",
                        $"DELETE FROM steps WHERE account_id = @account AND region = @region AND engagement_id IN ({IdsIn("@ids")})",
                    })
                    {
                        await ExecuteWithIdsAsync(statement(sql), scope, gone, ct).ConfigureAwait(false);
                    }
                }
                return gone.Count;
            }, ct);

    const string ResolvedIncidents = """
        SELECT account_id, '', id FROM incidents
        WHERE status = 'RESOLVED' AND resolved_at < @before
        ORDER BY resolved_at LIMIT @limit
        """;

    // Incidents are keyed by account alone (0012_incidents.sql); the region here is always ''.
    public Task<int> PurgeIncidentsAsync(Instant before, int limit, CancellationToken ct) =>
        PurgeBatchAsync(ResolvedIncidents, before, limit,
            async (statement, scope, ids) =>
            {
                var gone = await DeleteReturningIdsAsync(statement($"""
                    DELETE FROM incidents
                    WHERE account_id = @account AND id IN ({IdsIn("@ids")}) AND status = 'RESOLVED' AND resolved_at < @before
                    RETURNING id
                    """), scope, ids, before, ct).ConfigureAwait(false);
                if (gone.Count > 0)
                {
                    await ExecuteWithIdsAsync(statement(
                        $"DELETE FROM incident_events WHERE account_id = @account AND incident_id IN ({IdsIn("@ids")})"), scope, gone, ct).ConfigureAwait(false);
                    await ExecuteWithIdsAsync(statement(
                        $"DELETE FROM incident_items WHERE account_id = @account AND incident_id IN ({IdsIn("@ids")})"), scope, gone, ct).ConfigureAwait(false);
                }
                return gone.Count;
            }, ct);

    public Task<int> PurgeOutboxAsync(Instant before, int limit, CancellationToken ct) => DeleteOldestAsync("""
        DELETE FROM outbox WHERE seq IN (
            SELECT seq FROM outbox WHERE created_at < @before ORDER BY created_at LIMIT @limit)
        """, before, limit, ct);

    public Task<int> PurgeWrongTriesAsync(Instant before, int limit, CancellationToken ct) => DeleteOldestAsync("""
        DELETE FROM wrong_code_tries WHERE (account_id, region, code_key) IN (
            SELECT account_id, region, code_key FROM wrong_code_tries WHERE last_try_at < @before ORDER BY last_try_at LIMIT @limit)
        """, before, limit, ct);

    public Task<int> PurgeIdempotencyAsync(Instant before, int limit, CancellationToken ct) => DeleteOldestAsync("""
        DELETE FROM idempotency WHERE (account_id, region, operation, token) IN (
            SELECT account_id, region, operation, token FROM idempotency WHERE created_at < @before ORDER BY created_at LIMIT @limit)
        """, before, limit, ct);

    Task<int> DeleteOldestAsync(string sql, Instant before, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ObjectDisposedException.ThrowIf(disposed, this);
        return ExecuteAsync(sql, c => c.Bind("@before", Columns.Millis(before)).Bind("@limit", limit), ct);
    }

    /// One batch: picks up to `limit` items by `pick` (account, region, id), and hands each
    /// scope's ids to `delete`, which returns how many of them it removed.
    Task<int> PurgeBatchAsync(string pick, Instant before, int limit,
        Func<Func<string, DbCommand>, (string Account, string Region), List<string>, Task<int>> delete, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ObjectDisposedException.ThrowIf(disposed, this);
        return InTransactionAsync(async statement =>
        {
            List<(string Account, string Region, string Id)> picked;
            var command = statement(pick).Bind("@before", Columns.Millis(before)).Bind("@limit", limit);
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                picked = await StoreSession.ReadListAsync(reader, ReadPicked, ct).ConfigureAwait(false);
            }
            var removed = 0;
            foreach (var scope in picked.GroupBy(p => (p.Account, p.Region)))
            {
                removed += await delete(statement, scope.Key, [.. scope.Select(p => p.Id)]).ConfigureAwait(false);
            }
            return removed;
        }, ct);
    }

    static (string Account, string Region, string Id) ReadPicked(DbDataReader r) => (r.GetString(0), r.GetString(1), r.GetString(2));

    static async Task<List<string>> DeleteReturningIdsAsync(DbCommand command, (string Account, string Region) scope,
        List<string> ids, Instant before, CancellationToken ct)
    {
        Bind(command, scope, ids).Bind("@before", Columns.Millis(before));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await StoreSession.ReadListAsync(reader, r => r.GetString(0), ct).ConfigureAwait(false);
    }

    static Task<int> ExecuteWithIdsAsync(DbCommand command, (string Account, string Region) scope, List<string> ids, CancellationToken ct) =>
        Bind(command, scope, ids).ExecuteNonQueryAsync(ct);

    static DbCommand Bind(DbCommand command, (string Account, string Region) scope, List<string> ids) => command
        .Bind("@account", scope.Account)
        .Bind("@region", scope.Region)
        .Bind("@ids", JsonSerializer.Serialize([.. ids], StorageJsonContext.Default.StringArray));
}
