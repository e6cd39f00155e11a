using System.Data.Common;
using Callout.Storage.Store;

namespace Callout.Storage.Migrations;

/// Applies the embedded scripts of one dialect that `schema_migrations` does not list yet, each in
/// its own transaction together with its version row (both databases' DDL is transactional), so a
/// crash mid-way leaves the schema at a whole version. The caller lets one migrator in at a time.
internal static class Migrator
{
    public static async Task ApplyAsync(DbConnection connection, string dialect, CancellationToken ct)
    {
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL)", ct).ConfigureAwait(false);
        HashSet<int> applied;
        await using (var command = Command(connection, null, "SELECT version FROM schema_migrations"))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            applied = [.. await StoreSession.ReadListAsync(reader, r => r.GetInt32(0), ct).ConfigureAwait(false)];
        }
        var known = EmbeddedMigrations.For(dialect);
        var newest = known.Count == 0 ? 0 : known[^1].Version;
        if (applied.Count > 0 && applied.Max() > newest)
        {
            // An older build must not write to a schema it does not know.
            throw new InvalidOperationException(
                $"The database has schema version {applied.Max()}, newer than this build's {newest}.");
        }
        foreach (var migration in known.Where(m => !applied.Contains(m.Version)))
        {
            // SQLite begins it IMMEDIATE: the write lock is taken before the script starts.
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, migration.Sql, ct).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", ct,
                c => c.Bind("@version", migration.Version).Bind("@name", migration.Name)).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct,
        Action<DbCommand>? bind = null)
    {
        await using var command = Command(connection, transaction, sql);
        bind?.Invoke(command);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
