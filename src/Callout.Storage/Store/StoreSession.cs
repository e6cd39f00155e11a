using System.Data.Common;
using System.Globalization;
using Callout.Domain.Arns;

namespace Callout.Storage.Store;

/// One transaction over one scope, written once for both databases. Every statement binds
/// @account and @region, and every table is keyed by them, so no query can see another scope's
/// rows. The concerns live in partial files; what a database does its own way (how a statement
/// reaches the server, locks, a few spellings) is a hook its session overrides: SqliteSession
/// runs each statement at once on the store's one writer, PostgresSession holds writes back to
/// batch them with the next read or the commit. Each session names IStoreSession itself, so the
/// contract's default methods (ReadSendStatesAsync) give way to its own where it has one.
internal abstract partial class StoreSession(AccountScope scope, bool write)
{
    bool committed;
    bool disposed;

    protected AccountScope Scope { get; } = scope;

    /// A command for this text in the session's transaction, with no parameters bound yet.
    protected abstract DbCommand Command(string sql);

    // A statement runs when called (as on SQLite), unless the database holds it back (PostgreSQL).

    /// Runs a write whose result no caller needs; a database may send it later in the session.
    protected virtual Task WriteAsync(DbCommand command, CancellationToken ct) => ExecuteAsync(command, ct);

    /// Runs a write now and returns the rows it changed.
    protected virtual Task<int> ExecuteAsync(DbCommand command, CancellationToken ct) => command.ExecuteNonQueryAsync(ct);

    /// Runs a statement and hands its reader, on the statement's first result set, to `read`.
    protected virtual async Task<T> QueryAsync<T>(DbCommand command, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader, ct).ConfigureAwait(false);
    }

    /// Commits the transaction, with whatever writes are still held back.
    protected abstract Task CommitTransactionAsync(CancellationToken ct);

    /// Rolls back whatever was not committed and hands the connection back.
    protected abstract ValueTask EndAsync();

    /// A statement with the scope bound.
    protected DbCommand Read(string sql)
    {
        CheckOpen();
        return Command(sql)
            .Bind("@account", Scope.AccountId)
            .Bind("@region", Scope.Region);
    }

    protected DbCommand Write(string sql)
    {
        CheckWritable();
        return Read(sql);
    }

    void CheckOpen()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            throw new InvalidOperationException("The session has been committed; open a new one.");
        }
    }

    /// Open, and opened for writing.
    protected void CheckWritable()
    {
        if (!write)
        {
            throw new InvalidOperationException("This session was opened for reading only.");
        }
        CheckOpen();
    }

    /// The first column of the first row; null when there is no row or it holds NULL.
    protected Task<object?> ScalarAsync(DbCommand command, CancellationToken ct) =>
        QueryAsync(command, ReadScalarAsync, ct);

    protected async Task<int> CountAsync(DbCommand command, CancellationToken ct) =>
        Convert.ToInt32(await ScalarAsync(command, ct).ConfigureAwait(false), CultureInfo.InvariantCulture);

    protected Task<List<T>> ListAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken ct) =>
        QueryAsync(command, (reader, c) => ReadListAsync(reader, read, c), ct);

    protected Task<T?> FirstAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken ct)
        where T : class =>
        QueryAsync(command, (reader, c) => ReadFirstAsync(reader, read, c), ct);

    internal static async Task<object?> ReadScalarAsync(DbDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetValue(0) : null;

    internal static async Task<List<T>> ReadListAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    protected static async Task<T?> ReadFirstAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken ct)
        where T : class =>
        await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null;

    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            return;
        }
        await CommitTransactionAsync(ct).ConfigureAwait(false);
        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await EndAsync().ConfigureAwait(false);
    }
}
