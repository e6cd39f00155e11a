using Callout.Storage.Migrations;
using Callout.Storage.Store;

namespace Callout.Storage.Sqlite;

/// Applies the embedded `Migrations/sqlite` scripts that `schema_migrations` does not list yet,
/// each in its own transaction together with its version row, so a crash mid-way leaves the schema
/// at a whole version.
internal static class SqliteMigrator
{
    const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)";

    public static async Task ApplyAsync(SqliteLink link, CancellationToken ct)
    {
        await link.ExecuteAsync(CreateTable, ct).ConfigureAwait(false);
        var applied = await AppliedAsync(link, ct).ConfigureAwait(false);
        var known = EmbeddedMigrations.For("sqlite");
        var newest = known.Count == 0 ? 0 : known[^1].Version;
        if (applied.Count > 0 && applied.Max() > newest)
        {
            // An older build must not write to a schema it does not know.
            throw new InvalidOperationException(
                $"The database has schema version {applied.Max()}, newer than this build's {newest}.");
        }
        foreach (var migration in known.Where(m => !applied.Contains(m.Version)))
        {
            await link.ExecuteAsync("BEGIN IMMEDIATE", ct).ConfigureAwait(false);
            try
            {
                using (var script = link.Connection.CreateCommand())
                {
                    script.CommandText = migration.Sql;
                    await script.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                await link.Command("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)")
                    .Bind("@version", migration.Version)
                    .Bind("@name", migration.Name)
                    .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await link.ExecuteAsync("COMMIT", ct).ConfigureAwait(false);
            }
            catch
            {
                if (link.InTransaction)
                {
                    await link.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
                }
                throw;
            }
        }
    }

    static async Task<HashSet<int>> AppliedAsync(SqliteLink link, CancellationToken ct)
    {
        var versions = new HashSet<int>();
        await using var reader = await link.Command("SELECT version FROM schema_migrations")
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }
}
