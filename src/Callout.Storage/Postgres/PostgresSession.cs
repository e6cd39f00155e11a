using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Npgsql;

namespace Callout.Storage.Postgres;

/// One transaction over one scope, on one pooled connection (PostgresContactStore.OpenAsync says
/// how it is isolated). Every statement binds @account and @region, and every table is keyed by
/// them, so no query can see another scope's rows. The concerns live in partial files.
internal sealed partial class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, bool write)
    : IStoreSession
{
    bool committed;
    bool disposed;

    /// A statement in the session's transaction with the scope bound.
    NpgsqlCommand Read(string sql)
    {
        CheckOpen();
        return new NpgsqlCommand(sql, connection, transaction)
            .Bind("@account", scope.AccountId)
            .Bind("@region", scope.Region);
    }

    NpgsqlCommand Write(string sql)
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

    static async Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// The first column of the first row; null when there is no row or it holds NULL.
    static async Task<object?> ScalarAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using (command)
        {
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    static async Task<List<T>> ListAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using (command)
        {
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
            return rows;
        }
    }

    static async Task<T?> FirstAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken ct)
        where T : class
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            return;
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        committed = true;
    }

    /// Rolls back whatever was not committed, then hands the connection back to the pool.
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
