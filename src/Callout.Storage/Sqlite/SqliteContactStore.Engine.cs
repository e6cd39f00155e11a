using System.Collections.Concurrent;
using System.Security.Cryptography;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Callout.Storage.Sqlite;

/// IEngineStore: the engine's work across all scopes. Claims and secrets are write transactions on
/// the writer, behind the same gate as writing sessions; the counts read like any read session.
public sealed partial class SqliteContactStore
{
    const int SecretLength = 32;

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
                  attempt, resolution, essential
        """;

    // Secrets never change once created, so each is read from the database once per store.
    readonly ConcurrentDictionary<string, byte[]> secrets = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ClaimedStep>> ClaimDueStepsAsync(
        Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }
        var claimed = await InWriteTransactionAsync(async link =>
        {
            var steps = new List<ClaimedStep>();
            await using var reader = await link.Command(ClaimSql)
                .Bind("@owner", owner)
                .Bind("@lease_until", Columns.Millis(leaseUntil))
                .Bind("@now", Columns.Millis(now))
                .Bind("@limit", limit)
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                steps.Add(ReadClaimedStep(reader, owner));
            }
            return steps;
        }, ct).ConfigureAwait(false);
        // RETURNING gives rows in no promised order.
        claimed.Sort((a, b) =>
        {
            var byDue = a.Step.Due.CompareTo(b.Step.Due);
            return byDue != 0 ? byDue : string.CompareOrdinal(a.Step.Id, b.Step.Id);
        });
        return claimed;
    }

    public Task<Instant?> NextDueAsync(CancellationToken ct) => InReadAsync<Instant?>(async link =>
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

    public async Task<byte[]> GetSecretAsync(string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!secrets.TryGetValue(name, out var secret))
        {
            // Another node may create it first: whichever insert lands first is the secret.
            secret = await InWriteTransactionAsync(async link =>
            {
                await link.Command("INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING")
                    .Bind("@name", name)
                    .Bind("@value", RandomNumberGenerator.GetBytes(SecretLength))
                    .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                var value = await link.Command("SELECT value FROM secrets WHERE name = @name")
                    .Bind("@name", name)
                    .ExecuteScalarAsync(ct).ConfigureAwait(false);
                return value as byte[] ?? throw new InvalidDataException($"The secret '{name}' is not a blob.");
            }, ct).ConfigureAwait(false);
            secret = secrets.GetOrAdd(name, secret);
        }
        // The caller gets its own copy; the cached one must never change.
        return [.. secret];
    }

    public Task<Instant?> ReadVirtualTimeAsync(CancellationToken ct) => InReadAsync(async link =>
    {
        var now = await link.Command("SELECT now FROM virtual_clock WHERE id = 1").ExecuteScalarAsync(ct).ConfigureAwait(false);
        return now is long millis ? Columns.InstantOf(millis) : (Instant?)null;
    }, ct);

    public Task SaveVirtualTimeAsync(Instant now, CancellationToken ct) => InWriteTransactionAsync(async link =>
    {
        await link.Command("""
                INSERT INTO virtual_clock (id, now) VALUES (1, @now)
                ON CONFLICT (id) DO UPDATE SET now = max(virtual_clock.now, excluded.now)
                """)
            .Bind("@now", Columns.Millis(now))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return true;
    }, ct);

    public Task<long> CountRunningEngagementsAsync(CancellationToken ct) => InReadAsync(async link =>
    {
        var count = await link.Command("SELECT count(*) FROM engagements WHERE stop_time IS NULL")
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture);
    }, ct);

    public Task CheckAsync(CancellationToken ct) => InReadAsync(async link =>
        await link.Command("SELECT EXISTS (SELECT 1 FROM contacts)").ExecuteScalarAsync(ct).ConfigureAwait(false), ct);

    public Task<IReadOnlyList<AccountScope>> ScopesWithAddressAsync(ChannelKind kind, string address, CancellationToken ct) =>
        InReadAsync<IReadOnlyList<AccountScope>>(async link =>
        {
            var scopes = new List<AccountScope>();
            await using var reader = await link.Command(
                    "SELECT DISTINCT account_id, region FROM channels WHERE kind = @kind AND address = @address ORDER BY account_id, region")
                .Bind("@kind", Columns.Text(kind))
                .Bind("@address", address)
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                scopes.Add(AccountScope.For(reader.GetString(1), reader.GetString(0)));
            }
            return scopes;
        }, ct);

    static ClaimedStep ReadClaimedStep(SqliteDataReader reader, string owner) => new(
        AccountScope.For(reader.GetString(2), reader.GetString(1)),
        new EngagementStep(
            reader.GetString(0),
            reader.GetString(3),
            Columns.StepKindOf(reader.GetString(4)),
            Columns.InstantOf(reader.GetInt64(5)),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.GetInt32(9),
            reader.IsDBNull(10) ? null : EngagementJson.ReadResolution(reader.GetString(10)),
            reader.GetInt64(11) != 0),
        owner);

    /// One BEGIN IMMEDIATE ... COMMIT on the writer, rolled back if the work fails.
    async Task<T> InWriteTransactionAsync<T>(Func<SqliteLink, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var link = await EnterWriterAsync(ct).ConfigureAwait(false);
        try
        {
            await link.ExecuteAsync("BEGIN IMMEDIATE", ct).ConfigureAwait(false);
            try
            {
                var result = await work(link).ConfigureAwait(false);
                await link.ExecuteAsync("COMMIT", ct).ConfigureAwait(false);
                return result;
            }
            catch
            {
                if (link.InTransaction)
                {
                    await link.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
                }
                throw;
            }
        }
        finally
        {
            Release(link);
        }
    }

    /// One read outside any session: on a pooled reader in file mode, on the writer in memory.
    async Task<T> InReadAsync<T>(Func<SqliteLink, Task<T>> query, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var link = readerConnectionString is null ? await EnterWriterAsync(ct).ConfigureAwait(false) : RentReader();
        try
        {
            return await query(link).ConfigureAwait(false);
        }
        finally
        {
            Release(link);
        }
    }
}
