using System.Data;
using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Storage.Store;
using Npgsql;

namespace Callout.Storage.Postgres;

/// The PostgreSQL store, for several nodes sharing one database. Each session is one pooled
/// connection with one transaction on it.
///
/// Concurrency, across all nodes:
/// - A writing session runs at READ COMMITTED and first takes a transaction-level advisory lock
///   named after its scope (account and region), so writing sessions of one scope are serialized
///   with each other, as the contract says, wherever they run; those of different scopes run side
///   by side, since every row they touch is keyed by their scope. The callers' read-then-write
///   patterns (alias taken? quota left? delivery already recorded?) hold as they do on SQLite:
///   CountContacts for the quota is exact, and the primary keys stand behind the alias and id
///   checks all the same.
/// - The engine's sessions take a lock named after their engagement (OpenEngagementAsync: entering
///   a schedule, the end) or, for a send, after its pages (OpenPagesAsync) instead of the scope's,
///   so one account's engagements, and one engagement's pages, go out side by side. API writers
///   that change an engagement or a page (acknowledging, stopping) take those locks too, after the
///   scope's, engagement before page. StartEngagement's sessions (OpenCreateAsync) lock only their
///   idempotency token, if any: they write new rows only and check no quota, so an account's
///   engagements start side by side. These locks use PostgreSQL's two-key advisory locks, a key
///   space apart from the scope locks' single keys. Nothing waits for a scope lock while holding
///   one of them. An engine session holds one engagement's lock, or the locks of several pages
///   (OpenPagesAsync), which its first statement takes in key order before it touches a row; an
///   API writer holds at most one page's. Sessions that update several steps do so in id order
///   (CancelSteps, the engine's completions; a session stopping several engagements takes all
///   their locks and then all their steps at once, LockPendingSteps), so row locks never close a
///   circle either.
/// - A session's lock is taken with its first statement (PostgresSession holds it back until
///   then, to save a round trip).
/// - A reading session is one REPEATABLE READ, READ ONLY snapshot: it sees whole sessions only and
///   never waits for a writer.
/// - The engine's claims (ClaimDueSteps) lease rows with FOR UPDATE SKIP LOCKED and never wait;
///   a session completing or cancelling a step being claimed waits for that one statement.
/// - Receipt and outbox sequence numbers come from identity columns, allocated at insert: across
///   scopes they are ordered by insert, not by commit.
public sealed partial class PostgresStore : DbStore, IStore
{
    readonly NpgsqlDataSource dataSource;

    PostgresStore(NpgsqlDataSource dataSource) => this.dataSource = dataSource;

    /// Opens the store and checks that the server answers. Takes a `postgres://` URL or Npgsql
    /// keywords (PostgresConnectionString).
    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken ct)
    {
        var store = Create(connectionString);
        try
        {
            await using var connection = await store.dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// The store without touching the server yet: the first session or MigrateAsync connects.
    public static PostgresStore Create(string connectionString)
    {
        var normalized = PostgresConnectionString.Normalize(connectionString);
        var builder = new NpgsqlDataSourceBuilder(normalized);
        var given = new DbConnectionStringBuilder { ConnectionString = normalized };
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            // The same few dozen statements run all day: unless told otherwise, let Npgsql keep
            // them prepared on each connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        if (!given.ContainsKey("No Reset On Close"))
        {
            // Sessions change no connection state that outlives their transaction (the advisory
            // locks and SET TRANSACTION are transaction-scoped), so the reset Npgsql would send
            // with every connection's next use is work for nothing.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }
        return new PostgresStore(builder.Build());
    }

    public Task MigrateAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return PostgresMigrator.ApplyAsync(dataSource, ct);
    }

    /// A session whose transaction starts with `opening`: the lock it is serialized on, or READ ONLY.
    /// Npgsql sends BEGIN with the transaction's first statement, and the session holds `opening`
    /// back until its own first statement, so all three travel in one round trip.
    private protected override async Task<IStoreSession> OpenSessionAsync(
        AccountScope scope, bool write, SessionLock? serializedOn, CancellationToken ct)
    {
        var opening = serializedOn is not null ? ResourceLock.For(scope, serializedOn)
            : write ? null : new NpgsqlCommand("SET TRANSACTION READ ONLY");
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(
                write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            return new PostgresSession(connection, transaction, scope, write, opening);
        }
        catch
        {
            // Closing the connection rolls back a transaction begun on it.
            await connection.DisposeAsync().ConfigureAwait(false);
            opening?.Dispose();
            throw;
        }
    }

    /// Closes the pooled connections; a session still open keeps its own until it is disposed.
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
