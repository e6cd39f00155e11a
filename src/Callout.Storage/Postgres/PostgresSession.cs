using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Npgsql;

namespace Callout.Storage.Postgres;

/// One transaction over one scope, on one pooled connection (PostgresContactStore.OpenAsync says
/// how it is isolated). Every statement binds @account and @region, and every table is keyed by
/// them, so no query can see another scope's rows. The concerns live in partial files.
///
/// Round trips: statements whose result no caller waits for (the session's opening lock or READ
/// ONLY, and the writes that return nothing) are held back and go to the server in one batch with
/// the next statement whose result is needed, or with COMMIT. So the lock is waited for at the
/// session's first statement, and a write's error surfaces at the next read or at commit; either
/// way the transaction is rolled back and nothing of it is kept.
internal sealed partial class PostgresSession : IStoreSession
{
    readonly NpgsqlConnection connection;
    readonly NpgsqlTransaction transaction;
    readonly AccountScope scope;
    readonly bool write;
    readonly List<NpgsqlBatchCommand> deferred = [];
    // How many of the deferred statements return a result set (the lock's SELECT): the reader
    // skips those before the caller's own.
    int deferredResultSets;
    bool committed;
    bool disposed;

    /// `opening` is the transaction's first statement (a lock, or SET TRANSACTION READ ONLY), if
    /// any; `openingReturnsRows` says whether it is a SELECT.
    public PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, bool write,
        NpgsqlCommand? opening, bool openingReturnsRows)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.scope = scope;
        this.write = write;
        if (opening is not null)
        {
            Defer(opening, openingReturnsRows);
        }
    }

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

    /// Holds a statement back until the next one whose result is needed, or the commit.
    void Defer(NpgsqlCommand command, bool returnsRows = false)
    {
        using (command)
        {
            deferred.Add(ToBatchCommand(command));
        }
        if (returnsRows)
        {
            deferredResultSets++;
        }
    }

    /// A write whose result no caller needs: deferred (see the class comment).
    Task DeferAsync(NpgsqlCommand command)
    {
        Defer(command);
        return Task.CompletedTask;
    }

    /// A lock, held back like a write; its SELECT returns a row, which the next reader skips.
    Task DeferLockAsync(NpgsqlCommand command)
    {
        Defer(command, returnsRows: true);
        return Task.CompletedTask;
    }

    /// Runs the deferred statements and then `commands` in one round trip, and hands the reader,
    /// placed on the first result set of `commands`, to `read`.
    async Task<T> RunAsync<T>(IReadOnlyList<NpgsqlCommand> commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (deferred.Count == 0 && commands.Count == 1)
        {
            await using var command = commands[0];
            await using var single = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await read(single, ct).ConfigureAwait(false);
        }
        await using var batch = TakeDeferred(out var skip);
        foreach (var command in commands)
        {
            using (command)
            {
                batch.BatchCommands.Add(ToBatchCommand(command));
            }
        }
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < skip; i++)
        {
            await reader.NextResultAsync(ct).ConfigureAwait(false);
        }
        return await read(reader, ct).ConfigureAwait(false);
    }

    /// The rows the statement changed, after the deferred statements ran.
    async Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken ct)
    {
        if (deferred.Count == 0)
        {
            await using (command)
            {
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        await using var batch = TakeDeferred(out _);
        NpgsqlBatchCommand last;
        using (command)
        {
            last = ToBatchCommand(command);
        }
        batch.BatchCommands.Add(last);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return last.RecordsAffected;
    }

    /// The first column of the first row; null when there is no row or it holds NULL.
    Task<object?> ScalarAsync(NpgsqlCommand command, CancellationToken ct) =>
        RunAsync([command], ReadScalarAsync, ct);

    Task<List<T>> ListAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken ct) =>
        RunAsync([command], (reader, c) => ReadListAsync(reader, read, c), ct);

    Task<T?> FirstAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken ct)
        where T : class =>
        RunAsync([command], (reader, c) => ReadFirstAsync(reader, read, c), ct);

    static async Task<object?> ReadScalarAsync(NpgsqlDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetValue(0) : null;

    static async Task<List<T>> ReadListAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    static async Task<T?> ReadFirstAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken ct)
        where T : class =>
        await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null;

    /// A batch in the session's transaction holding the deferred statements, which it takes over.
    NpgsqlBatch TakeDeferred(out int resultSets)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in deferred)
        {
            batch.BatchCommands.Add(command);
        }
        resultSets = deferredResultSets;
        deferred.Clear();
        deferredResultSets = 0;
        return batch;
    }

    static NpgsqlBatchCommand ToBatchCommand(NpgsqlCommand command)
    {
        var batchCommand = new NpgsqlBatchCommand(command.CommandText);
        var parameters = command.Parameters.ToArray();
        command.Parameters.Clear();
        batchCommand.Parameters.AddRange(parameters);
        return batchCommand;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            return;
        }
        if (deferred.Count == 0)
        {
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        else
        {
            // The held-back statements and COMMIT in one round trip. A COMMIT sent as a statement
            // completes the NpgsqlTransaction all the same (Npgsql follows the server's
            // transaction status), so disposing it afterwards does nothing.
            await using var batch = TakeDeferred(out _);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
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
