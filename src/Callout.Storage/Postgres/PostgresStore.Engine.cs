using System.Data.Common;
using Callout.Domain.Engagements;
using Callout.Storage.Rows;
using Callout.Storage.Store;
using Npgsql;
using NodaTime;

namespace Callout.Storage.Postgres;

/// IEngineStore's hooks: each call is one statement (or one batch) in its own transaction on a
/// pooled connection.
public sealed partial class PostgresStore
{
    // Two kinds of step can be claimed: never leased (steps_unleased_by_due, in order) and leased
    // once but whose lease ran out (steps_leased, by when that happened; few, unless a node died).
    // Each subquery takes the earliest of its kind, locks what it takes and skips rows another
    // node is claiming right now (re-checking a row that changed since its snapshot); the UPDATE
    // leases the earliest `limit` of both, and RETURNING hands them back. Rows a subquery locked
    // but the UPDATE left are free again when the statement ends. Two claimers, on any nodes,
    // never lease the same step while its lease runs, and neither waits for the other.
    const string ClaimSql = """
        WITH fresh AS (
            SELECT id, due FROM steps
            WHERE NOT done AND lease_until IS NULL AND due BETWEEN @from AND @now
            ORDER BY due, id LIMIT @limit
            FOR UPDATE SKIP LOCKED),
        expired AS (
            SELECT id, due FROM steps
            WHERE NOT done AND lease_until IS NOT NULL AND greatest(due, lease_until) BETWEEN @from AND @now
            ORDER BY due, id LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        UPDATE steps SET lease_owner = @owner, lease_until = @lease_until
        WHERE id IN (
            SELECT id FROM (SELECT id, due FROM fresh UNION ALL SELECT id, due FROM expired) AS candidates
            ORDER BY due, id LIMIT @limit)
        RETURNING id, account_id, region, engagement_id, kind, due, page_id, contact_alias, channel_arn,
                  attempt, resolution, essential, trace_parent
        """;

    // Where a claim starts looking (ClaimFrom). Every claimed step leaves a dead entry in
    // steps_unleased_by_due, and every finished one in steps_leased, until vacuum; all of them lie
    // below the live entries, and a claim that scanned both indexes from the start walked them all:
    // 0.3 ms growing to 2.5 ms a claim within a few minutes of load.
    static readonly long ClaimMargin = (long)TimeSpan.FromSeconds(10).TotalMilliseconds;
    static readonly long FullLookEvery = (long)TimeSpan.FromSeconds(5).TotalMilliseconds;
    readonly Lock claimGate = new();
    long claimFloor = long.MinValue;
    long lastFullLook = long.MinValue;
    long lastClaimAt = long.MinValue;

    private protected override string SaveVirtualTimeSql => """
        INSERT INTO virtual_clock (id, now) VALUES (1, @now)
        ON CONFLICT (id) DO UPDATE SET now = greatest(virtual_clock.now, excluded.now)
        """;

    private protected override async Task<List<ClaimedStep>> ClaimAsync(
        Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct)
    {
        List<ClaimedStep> claimed;
        var at = Columns.Millis(now);
        await using (var command = dataSource.CreateCommand(ClaimSql)
            .Bind("@owner", owner)
            .Bind("@lease_until", Columns.Millis(leaseUntil))
            .Bind("@now", at)
            .Bind("@from", ClaimFrom(at))
            .Bind("@limit", limit))
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            claimed = await ReadClaimedStepsAsync(reader, owner, ct).ConfigureAwait(false);
        }
        if (claimed.Count < limit)
        {
            ClaimedAllDue(at);
        }
        return claimed;
    }

    /// A claim that comes back short took every step due by its `now` and every lease run out by
    /// then, but those of steps another session had locked. Steps added later are due at about
    /// their writer's `now` or after (a timeline's steps are written when it starts or enters a
    /// schedule), and a lease taken later ends a whole lease after its claimer's `now`; so later
    /// claims look only from that `now` less a margin, for other nodes' clocks and for writes that
    /// commit late. What falls below anyway (a step skipped because it was locked and then left as
    /// it was, a schedule entered long after its time) is found by the full look every few
    /// seconds, and by any claim repeated at the same instant (the virtual clock waits on such
    /// claims while it stands still).
    long ClaimFrom(long now)
    {
        lock (claimGate)
        {
            var repeated = now <= lastClaimAt;
            lastClaimAt = Math.Max(lastClaimAt, now);
            if (repeated || now < claimFloor || lastFullLook == long.MinValue || now - lastFullLook >= FullLookEvery)
            {
                lastFullLook = now;
                return long.MinValue;
            }
            return claimFloor;
        }
    }

    void ClaimedAllDue(long now)
    {
        lock (claimGate)
        {
            claimFloor = Math.Max(claimFloor, now - ClaimMargin);
        }
    }

    public override async Task<Instant?> NextDueAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // A step is claimable at its due time, or when its lease ends if that is later. The two
        // minima cover every pending step; each is the first entry of a partial index
        // (steps_unleased_by_due, and steps_leased on that very expression). least() ignores a
        // NULL; it is NULL only when both are.
        await using var command = dataSource.CreateCommand("""
            SELECT least(
                (SELECT min(due) FROM steps WHERE NOT done AND lease_until IS NULL),
                (SELECT min(greatest(due, lease_until)) FROM steps WHERE NOT done AND lease_until IS NOT NULL))
            """);
        var next = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return next is long millis ? Columns.InstantOf(millis) : null;
    }

    private protected override async Task<T> QueryAsync<T>(string sql, Action<DbCommand> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader, ct).ConfigureAwait(false);
    }

    private protected override async Task<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand(sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
