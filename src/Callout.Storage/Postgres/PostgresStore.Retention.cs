using System.Data.Common;
using Npgsql;

namespace Callout.Storage.Postgres;

/// The retention purge's hooks. Nodes sharing the database take turns through a session-level
/// advisory lock, held on a connection of its own for the whole purge; a node that dies closes it
/// and so gives the lock up. Its key names the schema, as the migration lock's does, so stores in
/// different schemas of one database purge independently. Space freed by deletes is reused by the
/// table after autovacuum, with nothing to do here.
public sealed partial class PostgresStore
{
    private protected override async Task<T> InTransactionAsync<T>(Func<Func<string, DbCommand>, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var commands = new List<NpgsqlCommand>();
        try
        {
            var result = await work(sql =>
            {
                var command = new NpgsqlCommand(sql, connection, transaction);
                commands.Add(command);
                return command;
            }).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        finally
        {
            foreach (var command in commands)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private protected override string IdsIn(string parameter) => $"SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb))";

    const string PurgeLockKey = "hashtextextended('callout/retention/' || current_schema(), 0)";

    public override async Task<IAsyncDisposable?> TryLeadPurgeAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({PurgeLockKey})", connection);
            if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true)
            {
                return new PurgeLease(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public override Task<long> ReclaimSpaceAsync(CancellationToken ct) => Task.FromResult(0L);

    sealed class PurgeLease(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // A pooled connection stays open, and with it a session lock, unless given up here.
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({PurgeLockKey})", connection);
                await command.ExecuteScalarAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The connection broke, and took the lock with it; it is not returned to the pool.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
