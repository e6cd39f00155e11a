using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Callout.Storage.Sqlite;
using Npgsql;
using NodaTime;

namespace Callout.Storage.Postgres;

/// IEngineStore: the engine's work across all scopes, each call one statement (or one batch) in
/// its own transaction on a pooled connection.
public sealed partial class PostgresContactStore
{
    const int SecretLength = 32;

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
                  attempt, resolution, essential
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

    // Secrets never change once created, so each is read from the database once per store.
    readonly ConcurrentDictionary<string, byte[]> secrets = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ClaimedStep>> ClaimDueStepsAsync(
        Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (limit == 0)
        {
            return [];
        }
        var claimed = new List<ClaimedStep>();
        var at = Columns.Millis(now);
        await using (var command = dataSource.CreateCommand(ClaimSql)
            .Bind("@owner", owner)
            .Bind("@lease_until", Columns.Millis(leaseUntil))
            .Bind("@now", at)
            .Bind("@from", ClaimFrom(at))
            .Bind("@limit", limit))
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                claimed.Add(ReadClaimedStep(reader, owner));
            }
        }
        if (claimed.Count < limit)
        {
            ClaimedAllDue(at);
        }
        // RETURNING gives rows in no promised order.
        claimed.Sort((a, b) =>
        {
            var byDue = a.Step.Due.CompareTo(b.Step.Due);
            return byDue != 0 ? byDue : string.CompareOrdinal(a.Step.Id, b.Step.Id);
        });
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

    public async Task<Instant?> NextDueAsync(CancellationToken ct)
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

    public async Task<Instant?> ReadVirtualTimeAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand("SELECT now FROM virtual_clock WHERE id = 1");
        var now = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return now is long millis ? Columns.InstantOf(millis) : null;
    }

    public async Task SaveVirtualTimeAsync(Instant now, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand("""
                INSERT INTO virtual_clock (id, now) VALUES (1, @now)
                ON CONFLICT (id) DO UPDATE SET now = greatest(virtual_clock.now, excluded.now)
                """)
            .Bind("@now", Columns.Millis(now));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<byte[]> GetSecretAsync(string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!secrets.TryGetValue(name, out var secret))
        {
            // Another node may create it first: whichever insert commits first is the secret. An
            // insert racing an uncommitted one waits for it, then does nothing; the SELECT, a
            // statement of its own at READ COMMITTED, then sees the winner.
            await using var batch = dataSource.CreateBatch();
            var insert = new NpgsqlBatchCommand("INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = name });
            insert.Parameters.Add(new NpgsqlParameter("value", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = RandomNumberGenerator.GetBytes(SecretLength) });
            var select = new NpgsqlBatchCommand("SELECT value FROM secrets WHERE name = @name");
            select.Parameters.Add(new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = name });
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(select);
            var value = await batch.ExecuteScalarAsync(ct).ConfigureAwait(false);
            secret = secrets.GetOrAdd(name, value as byte[] ?? throw new InvalidDataException($"The secret '{name}' is not a bytea."));
        }
        // The caller gets its own copy; the cached one must never change.
        return [.. secret];
    }

    public async Task<long> CountRunningEngagementsAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM engagements WHERE stop_time IS NULL");
        var count = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture);
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM contacts)");
        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AccountScope>> ScopesWithAddressAsync(ChannelKind kind, string address, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var command = dataSource.CreateCommand(
                "SELECT DISTINCT account_id, region FROM channels WHERE kind = @kind AND address = @address ORDER BY account_id, region")
            .Bind("@kind", Columns.Text(kind))
            .Bind("@address", address);
        var scopes = new List<AccountScope>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            scopes.Add(AccountScope.For(reader.GetString(1), reader.GetString(0)));
        }
        return scopes;
    }

    static ClaimedStep ReadClaimedStep(NpgsqlDataReader reader, string owner) => new(
        AccountScope.For(reader.GetString(2), reader.GetString(1)),
        new EngagementStep(
            reader.GetString(0),
            reader.GetString(3),
            Columns.StepKindOf(reader.GetString(4)),
            Columns.InstantOf(reader.GetInt64(5)),
            reader.OptionalString(6),
            reader.OptionalString(7),
            reader.OptionalString(8),
            reader.GetInt32(9),
            reader.IsDBNull(10) ? null : EngagementJson.ReadResolution(reader.GetString(10)),
            reader.GetBoolean(11)),
        owner);
}
