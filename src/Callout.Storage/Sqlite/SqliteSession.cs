using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

/// One transaction over one scope. Every statement binds @account and @region, and every table is
/// keyed by them, so no query can see another scope's rows. The concerns live in partial files.
internal sealed partial class SqliteSession(SqliteContactStore store, SqliteLink link, AccountScope scope, bool write)
    : IStoreSession
{
    bool committed;
    bool disposed;

    /// A prepared statement with the scope bound.
    SqliteCommand Read(string sql)
    {
        CheckOpen();
        return link.Command(sql)
            .Bind("@account", scope.AccountId)
            .Bind("@region", scope.Region);
    }

    SqliteCommand Write(string sql)
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
    void CheckWritable()
    {
        if (!write)
        {
            throw new InvalidOperationException("This session was opened for reading only.");
        }
        CheckOpen();
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            return;
        }
        await link.ExecuteAsync("COMMIT", ct).ConfigureAwait(false);
        committed = true;
    }

    /// Rolls back whatever was not committed, then hands the connection back.
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        try
        {
            if (link.InTransaction)
            {
                await link.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            store.Release(link);
        }
    }
}
