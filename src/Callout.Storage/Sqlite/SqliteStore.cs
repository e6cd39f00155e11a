using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Ports;
using Callout.Storage.Migrations;
using Callout.Storage.Store;
using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

/// The SQLite store. One long-lived writer connection, guarded by a semaphore, carries every
/// writing session, so a write costs no connection set-up and reuses prepared statements. In file
/// mode (WAL) reading sessions run beside it on pooled read-only connections; in memory every
/// session goes through the one connection.
public sealed partial class SqliteStore : DbStore, IStore
{
    public const string FileName = "callout.db";

    // Retained idle readers; more may be open at once under load, the extra ones are closed.
    const int MaxIdleReaders = 8;

    readonly SemaphoreSlim gate = new(1, 1);
    readonly SqliteLink writer;
    readonly string? readerConnectionString;
    readonly Stack<SqliteLink> idleReaders = new();
    // In memory every session holds the writer, reads too, so no row would outlive a read.
    readonly ContactRowCache? contacts;

    SqliteStore(SqliteLink writer, string? readerConnectionString)
    {
        this.writer = writer;
        this.readerConnectionString = readerConnectionString;
        contacts = readerConnectionString is null ? null : new ContactRowCache();
    }

    /// A database file `callout.db` in the directory, which is created when missing.
    public static SqliteStore OpenFile(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var writer = SqliteLink.Open(ConnectionString(path, SqliteOpenMode.ReadWriteCreate),
        [
            // Only takes on a new file, and only before the header is first written (journal_mode
            // writes it); an older file is converted by MigrateAsync (SqliteStore.Retention.cs).
            "PRAGMA auto_vacuum=INCREMENTAL",
            // WAL with synchronous=NORMAL loses nothing committed when the process is killed; only
            // a power cut can lose the last commits (sqlite.org/pragma.html#pragma_synchronous).
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
        ]);
        // A read session can never take the write lock behind the gate's back.
        return new SqliteStore(writer, ConnectionString(path, SqliteOpenMode.ReadOnly));
    }

    /// A private in-memory database that lives as long as the store; nothing touches the disk.
    /// A single connection serves every session: SQLite's shared cache would make concurrent
    /// readers fail with SQLITE_LOCKED rather than wait, so all sessions are serialized anyway.
    public static SqliteStore OpenInMemory() => new(
        SqliteLink.Open(ConnectionString(":memory:", SqliteOpenMode.ReadWriteCreate), ["PRAGMA auto_vacuum=INCREMENTAL", "PRAGMA foreign_keys=ON"]), readerConnectionString: null);

    // Pooling is off because the store keeps its own connections open for its whole life.
    static string ConnectionString(string dataSource, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = mode, Pooling = false }.ToString();

    public async Task MigrateAsync(CancellationToken ct)
    {
        // The writer runs every write, so it is the only migrator.
        var link = await EnterWriterAsync(ct).ConfigureAwait(false);
        try
        {
            await UseIncrementalVacuumAsync(link, ct).ConfigureAwait(false);
            await Migrator.ApplyAsync(link.Connection, "sqlite", ct).ConfigureAwait(false);
        }
        finally
        {
            Release(link);
        }
    }

    /// SQLite has one writer at a time, which serializes every writing session with the others.
    private protected override async Task<IStoreSession> OpenSessionAsync(
        AccountScope scope, bool write, SessionLock? serializedOn, CancellationToken ct)
    {
        var link = await TakeLinkAsync(write, ct).ConfigureAwait(false);
        try
        {
            // IMMEDIATE takes the write lock now, so a session never fails half-way on SQLITE_BUSY;
            // a deferred read transaction gives the session one consistent snapshot.
            await link.ExecuteAsync(write ? "BEGIN IMMEDIATE" : "BEGIN", ct).ConfigureAwait(false);
        }
        catch
        {
            Release(link);
            throw;
        }
        return new SqliteSession(this, link, scope, write);
    }

    /// From the rows kept (ContactRowCache) when one may be used, else from a reading session.
    public override async Task<Contact?> FindContactAsync(AccountScope scope, string alias, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (contacts is null)
        {
            return await base.FindContactAsync(scope, alias, ct).ConfigureAwait(false);
        }
        if (contacts.Find(scope, alias) is { } kept)
        {
            return kept;
        }
        var stamp = contacts.Stamp();
        var contact = await base.FindContactAsync(scope, alias, ct).ConfigureAwait(false);
        if (stamp is { } generation && contact is not null)
        {
            contacts.Keep(generation, scope, alias, contact);
        }
        return contact;
    }

    /// The writer, for writing or when in memory; else a pooled reader.
    async Task<SqliteLink> TakeLinkAsync(bool write, CancellationToken ct) =>
        write || readerConnectionString is null ? await EnterWriterAsync(ct).ConfigureAwait(false) : RentReader();

    async Task<SqliteLink> EnterWriterAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        if (disposed)
        {
            gate.Release();
            throw new ObjectDisposedException(nameof(SqliteStore));
        }
        contacts?.WriterEntered();
        return writer;
    }

    SqliteLink RentReader()
    {
        lock (idleReaders)
        {
            if (idleReaders.TryPop(out var idle))
            {
                return idle;
            }
        }
        return SqliteLink.Open(readerConnectionString!, ["PRAGMA busy_timeout=5000"]);
    }

    /// Rolls back whatever the link's user left open, then gives the link back.
    internal async ValueTask EndAsync(SqliteLink link)
    {
        try
        {
            if (link.InTransaction)
            {
                await link.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            Release(link);
        }
    }

    /// Gives a session's connection back: the writer by releasing the gate, a reader to the pool.
    void Release(SqliteLink link)
    {
        if (ReferenceEquals(link, writer))
        {
            contacts?.WriterLeft();
            gate.Release();
            return;
        }
        lock (idleReaders)
        {
            if (!disposed && idleReaders.Count < MaxIdleReaders)
            {
                idleReaders.Push(link);
                return;
            }
        }
        link.Dispose();
    }

    /// Waits for the session in progress, if any, so the writer is never closed under a statement.
    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (disposed)
            {
                return;
            }
            lock (idleReaders)
            {
                disposed = true;
                while (idleReaders.TryPop(out var reader))
                {
                    reader.Dispose();
                }
            }
            writer.Dispose();
        }
        finally
        {
            gate.Release();
        }
    }
}
