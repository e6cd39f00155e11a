using System.Data.Common;
using Callout.Domain.Engagements;
using Callout.Storage.Rows;
using Callout.Storage.Store;
using NodaTime;

namespace Callout.Storage.Sqlite;

/// IEngineStore's hooks: claims and secrets are write transactions on the writer, behind the same
/// gate as writing sessions; the other reads run like any read session.
public sealed partial class SqliteStore
{
    // The subquery walks steps_pending_by_due in order and stops at the limit; the UPDATE leases
    // exactly those rows and RETURNING hands them back, all in one write transaction, so two
    // claimers can never lease the same step while its lease runs.
    const string ClaimSql = """
        UPDATE steps SET lease_owner = @owner, lease_until = @lease_until
        WHERE id IN (
            SELECT id FROM steps
            WHERE done = 0 AND due <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY due, id LIMIT @limit)
        RETURNING id, account_id, region, engagement_id, kind, due, page_id, contact_alias, channel_arn,
                  attempt, resolution, essential, trace_parent
        """;

    private protected override string SaveVirtualTimeSql => """
        INSERT INTO virtual_clock (id, now) VALUES (1, @now)
        ON CONFLICT (id) DO UPDATE SET now = max(virtual_clock.now, excluded.now)
        """;

    private protected override Task<List<ClaimedStep>> ClaimAsync(
        Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct) =>
        OutsideSessionAsync(write: true, async link =>
        {
            await using var reader = await link.Command(ClaimSql)
                .Bind("@owner", owner)
                .Bind("@lease_until", Columns.Millis(leaseUntil))
                .Bind("@now", Columns.Millis(now))
                .Bind("@limit", limit)
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await ReadClaimedStepsAsync(reader, owner, ct).ConfigureAwait(false);
        }, ct);

    public override Task<Instant?> NextDueAsync(CancellationToken ct) => OutsideSessionAsync<Instant?>(write: false, async link =>
    {
        // A step is claimable at its due time, or when its lease ends if that is later. Claims set
        // leases beyond the due time, so the two minima cover every pending step; each reads one
        // partial index.
        var due = await link.Command("SELECT min(due) FROM steps WHERE done = 0 AND lease_until IS NULL")
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        var leased = await link.Command("SELECT min(max(due, lease_until)) FROM steps WHERE done = 0 AND lease_until IS NOT NULL")
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        var times = new[] { due, leased }.OfType<long>().ToList();
        return times.Count == 0 ? null : Columns.InstantOf(times.Min());
    }, ct);

    private protected override Task<T> QueryAsync<T>(string sql, Action<DbCommand> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct) =>
        OutsideSessionAsync(write: false, async link =>
        {
            var command = link.Command(sql);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await read(reader, ct).ConfigureAwait(false);
        }, ct);

    private protected override Task<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken ct) =>
        OutsideSessionAsync(write: true, async link =>
        {
            var command = link.Command(sql);
            bind(command);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);

    /// Work outside any session. A write is one BEGIN IMMEDIATE ... COMMIT on the writer, rolled
    /// back if the work fails; a read runs on a pooled reader in file mode, on the writer in memory.
    async Task<T> OutsideSessionAsync<T>(bool write, Func<SqliteLink, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var link = await TakeLinkAsync(write, ct).ConfigureAwait(false);
        try
        {
            if (write)
            {
                await link.ExecuteAsync("BEGIN IMMEDIATE", ct).ConfigureAwait(false);
            }
            var result = await work(link).ConfigureAwait(false);
            if (write)
            {
                await link.ExecuteAsync("COMMIT", ct).ConfigureAwait(false);
            }
            return result;
        }
        finally
        {
            await EndAsync(link).ConfigureAwait(false);
        }
    }
}
