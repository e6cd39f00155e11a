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
        List<(int Version, string Name)> listed;
        await using (var command = Command(connection, null, "SELECT version, name FROM schema_migrations ORDER BY version"))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            listed = [.. await StoreSession.ReadListAsync(reader, r => (r.GetInt32(0), r.GetString(1)), ct).ConfigureAwait(false)];
        }
        HashSet<int> applied = [.. listed.Select(m => m.Version)];
        var known = EmbeddedMigrations.For(dialect);
        var newest = known.Count == 0 ? 0 : known[^1].Version;
        var knownVersions = known.Select(m => m.Version).ToHashSet();
        // An older build must not write to a schema it does not know: not only one past its newest
        // version, but any step it lacks.
        if (listed.Where(m => !knownVersions.Contains(m.Version)).Select(m => m.Name).ToList() is { Count: > 0 } unknown)
        {
            throw new SchemaTooNewException(unknown, newest);
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
