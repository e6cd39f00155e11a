using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Callout.Domain.Arns;
using Callout.Domain.CalendarFeeds;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Outbox;
using Callout.Domain.Ports;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// The checks of opening a session, and the engine's work across all scopes (IEngineStore),
/// written once for both databases, as StoreSession is for a session's. A database keeps how
/// sessions are opened and serialized, how a statement outside any session runs, the claim, and
/// what it spells its own way. Each store names IStore itself.
public abstract partial class DbStore
{
    const int SecretLength = 32;

    // Secrets never change once created, so each is read from the database once per store.
    readonly ConcurrentDictionary<string, byte[]> secrets = new(StringComparer.Ordinal);

    private protected volatile bool disposed;

    /// A session of `scope` (not null) with the lock it is serialized on: none when reading, or
    /// when a writer locks nothing (OpenCreateAsync without a token).
    private protected abstract Task<IStoreSession> OpenSessionAsync(AccountScope scope, bool write, SessionLock? serializedOn, CancellationToken ct);

    public Task<IStoreSession> OpenAsync(AccountScope scope, bool write, CancellationToken ct) =>
        Open(scope, write, write ? new SessionLock.Scope() : null, ct);

    /// A reading session of its own; SqliteStore answers repeated reads from the rows it keeps.
    public virtual async Task<Contact?> FindContactAsync(AccountScope scope, string alias, CancellationToken ct)
    {
        await using var session = await OpenAsync(scope, write: false, ct).ConfigureAwait(false);
        return await session.FindContactAsync(alias, ct).ConfigureAwait(false);
    }

    public Task<IStoreSession> OpenEngagementAsync(AccountScope scope, string engagementId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(engagementId);
        return Open(scope, true, new SessionLock.Engagement(engagementId), ct);
    }

    public Task<IStoreSession> OpenPagesAsync(AccountScope scope, IReadOnlyCollection<string> pageIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pageIds);
        ArgumentOutOfRangeException.ThrowIfZero(pageIds.Count, nameof(pageIds));
        foreach (var pageId in pageIds)
        {
            ArgumentException.ThrowIfNullOrEmpty(pageId, nameof(pageIds));
        }
        return Open(scope, true, new SessionLock.Pages(pageIds), ct);
    }

    public Task<IStoreSession> OpenCreateAsync(AccountScope scope, string operation, string? idempotencyToken, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        return Open(scope, true, idempotencyToken is null ? null : new SessionLock.IdempotencyToken(operation, idempotencyToken), ct);
    }

    Task<IStoreSession> Open(AccountScope scope, bool write, SessionLock? serializedOn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ObjectDisposedException.ThrowIf(disposed, this);
        return OpenSessionAsync(scope, write, serializedOn, ct);
    }

    /// Runs one statement outside any session and hands its reader to `read`; like ExecuteAsync,
    /// throws ObjectDisposedException once the store is disposed.
    private protected abstract Task<T> QueryAsync<T>(string sql, Action<DbCommand> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct);

    /// Runs one write outside any session, in a transaction of its own; returns the rows it changed.
    private protected abstract Task<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken ct);

    /// Leases up to `limit` due steps (limit > 0), in any order.
    private protected abstract Task<List<ClaimedStep>> ClaimAsync(Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct);

    /// Stores the virtual clock's time unless the stored one is later.
    private protected abstract string SaveVirtualTimeSql { get; }

    public abstract Task<Instant?> NextDueAsync(CancellationToken ct);

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
        var claimed = await ClaimAsync(now, owner, leaseUntil, limit, ct).ConfigureAwait(false);
        // RETURNING gives rows in no promised order.
        claimed.Sort((a, b) =>
        {
            var byDue = a.Step.Due.CompareTo(b.Step.Due);
            return byDue != 0 ? byDue : string.CompareOrdinal(a.Step.Id, b.Step.Id);
        });
        return claimed;
    }

    // substr rather than LIKE, so a node name with % or _ in it means only itself.
    const string ReleaseLeasesSql = """
        UPDATE steps SET lease_owner = NULL, lease_until = NULL
        WHERE NOT done AND lease_until IS NOT NULL
          AND substr(lease_owner, 1, length(@prefix)) = @prefix
          AND substr(lease_owner, 1, length(@keep)) <> @keep
        """;

    public Task<int> ReleaseLeasesAsync(string ownerPrefix, string keepPrefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ownerPrefix);
        ArgumentException.ThrowIfNullOrEmpty(keepPrefix);
        ObjectDisposedException.ThrowIf(disposed, this);
        return ExecuteAsync(ReleaseLeasesSql, c => c.Bind("@prefix", ownerPrefix).Bind("@keep", keepPrefix), ct);
    }

    public async Task<byte[]> GetSecretAsync(string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!secrets.TryGetValue(name, out var secret))
        {
            // Another node may create it first: whichever insert lands first is the secret, and
            // the read after it sees that one.
            await ExecuteAsync("INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
                c => c.Bind("@name", name).Bind("@value", RandomNumberGenerator.GetBytes(SecretLength)), ct).ConfigureAwait(false);
            var stored = await ScalarAsync("SELECT value FROM secrets WHERE name = @name", ct, c => c.Bind("@name", name)).ConfigureAwait(false);
            secret = secrets.GetOrAdd(name, stored as byte[] ?? throw new InvalidDataException($"The secret '{name}' is not binary."));
        }
        // The caller gets its own copy; the cached one must never change.
        return [.. secret];
    }

    public async Task<Instant?> ReadVirtualTimeAsync(CancellationToken ct) =>
        await ScalarAsync("SELECT now FROM virtual_clock WHERE id = 1", ct).ConfigureAwait(false) is long millis
            ? Columns.InstantOf(millis)
            : null;

    public Task SaveVirtualTimeAsync(Instant now, CancellationToken ct) =>
        ExecuteAsync(SaveVirtualTimeSql, c => c.Bind("@now", Columns.Millis(now)), ct);

    public async Task<long> CountRunningEngagementsAsync(CancellationToken ct) => Convert.ToInt64(
        await ScalarAsync("SELECT count(*) FROM engagements WHERE stop_time IS NULL", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);

    public Task CheckAsync(CancellationToken ct) => ScalarAsync("SELECT EXISTS (SELECT 1 FROM contacts)", ct);

    public async Task<IReadOnlyList<AccountScope>> ScopesWithAddressAsync(ChannelKind kind, string address, CancellationToken ct) =>
        await ListAsync("SELECT DISTINCT account_id, region FROM channels WHERE kind = @kind AND address = @address ORDER BY account_id, region",
            c => c.Bind("@kind", Columns.Text(kind)).Bind("@address", address),
            r => AccountScope.For(r.GetString(1), r.GetString(0)), ct).ConfigureAwait(false);

    public async Task<CalendarFeed?> FindCalendarFeedAsync(byte[] tokenHash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return (await ListAsync(CalendarFeedRows.Select + " AND token_hash = @token_hash",
            c => c.Bind("@token_hash", tokenHash), CalendarFeedRows.Read, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Domain.Alerts.AlertSource?> FindAlertSourceAsync(byte[] keyHash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        return (await ListAsync(AlertSourceRows.Select + " AND key_hash = @key_hash",
            c => c.Bind("@key_hash", keyHash), AlertSourceRows.Read, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<bool> RememberWebhookIdAsync(string id, Instant now, Instant forgetAt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        // Forgetting first keeps the table to the ids of the last few minutes; an id whose time ran
        // out may be recorded again (its signature's window has closed, so it would be refused anyway).
        await ExecuteAsync("DELETE FROM webhook_ids WHERE forget_at < @now", c => c.Bind("@now", Columns.Millis(now)), ct).ConfigureAwait(false);
        return await ExecuteAsync("INSERT INTO webhook_ids (id, forget_at) VALUES (@id, @forget_at) ON CONFLICT (id) DO NOTHING",
            c => c.Bind("@id", id).Bind("@forget_at", Columns.Millis(forgetAt)), ct).ConfigureAwait(false) == 1;
    }

    /// The store-wide outbox listing; unlike everything in a session it spans all scopes, because
    /// it serves the operator's `GET /_callout/outbox`.
    public async Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(int limit, CancellationToken ct) =>
        await ListAsync(Selects.Outbox, c => c.Bind("@limit", limit), RowReader.OutboxMessage, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(AccountScope scope, int limit, CancellationToken ct) =>
        await ListAsync(Selects.OutboxOfScope,
            c => c.Bind("@account", scope.AccountId).Bind("@region", scope.Region).Bind("@limit", limit),
            RowReader.OutboxMessage, ct).ConfigureAwait(false);

    public Task<int> PurgeAuditAsync(Instant before, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ObjectDisposedException.ThrowIf(disposed, this);
        return ExecuteAsync(Selects.PurgeAudit, c => c.Bind("@before", Columns.Millis(before)).Bind("@limit", limit), ct);
    }

    Task<object?> ScalarAsync(string sql, CancellationToken ct, Action<DbCommand>? bind = null) =>
        QueryAsync(sql, bind ?? (_ => { }), StoreSession.ReadScalarAsync, ct);

    Task<List<T>> ListAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken ct) =>
        QueryAsync(sql, bind, (reader, c) => StoreSession.ReadListAsync(reader, read, c), ct);

    /// The rows a claim's RETURNING hands back.
    private protected static async Task<List<ClaimedStep>> ReadClaimedStepsAsync(DbDataReader reader, string owner, CancellationToken ct)
    {
        var steps = new List<ClaimedStep>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            steps.Add(new ClaimedStep(
                AccountScope.For(reader.GetString(2), reader.GetString(1)),
                StepRows.ReadClaimed(reader),
                owner));
        }
        return steps;
    }
}
