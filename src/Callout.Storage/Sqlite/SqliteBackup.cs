using Callout.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

/// What a copy of a database holds once made: SQLite's quick_check lines (empty when sound) and
/// the schema migrations it lists.
public sealed record BackupCheck(IReadOnlyList<string> Problems, IReadOnlyList<(int Version, string Name)> Migrations);

/// Copies SQLite databases with SQLite's online backup API (sqlite.org/backup.html): the copy is
/// one consistent snapshot of the source, taken inside a read transaction, so a server writing to
/// the source (WAL: readers never block the writer) goes on unhindered. The caller creates the
/// destination file first, with the mode it should have; SQLite keeps a file's mode.
public static class SqliteBackup
{
    /// Copies `source` into `destination` as a self-contained file (rollback journal, no -wal
    /// beside it), then checks the copy. The source is only read. A live database is opened
    /// read-write all the same (`live`): a read-only connection cannot open a WAL database whose
    /// -shm file is missing, as a stopped server's is; a backup, a file of its own, opens read-only.
    public static BackupCheck Copy(string source, string destination, bool live)
    {
        using (var from = Open(source, live ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly))
        using (var to = Open(destination, SqliteOpenMode.ReadWrite))
        {
            Execute(from, "PRAGMA busy_timeout=5000");
            from.BackupDatabase(to);
            // The copy carries the source's WAL flag; a backup is one file that moves on its own.
            Execute(to, "PRAGMA journal_mode=DELETE");
        }
        return Check(destination);
    }

    /// quick_check and the migrations listed, read without changing the file.
    public static BackupCheck Check(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        var problems = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA quick_check(20)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(0) is var line and not "ok")
                {
                    problems.Add(line);
                }
            }
        }
        var migrations = new List<(int, string)>();
        if (problems.Count == 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
            if (command.ExecuteScalar() is not null)
            {
                command.CommandText = "SELECT version, name FROM schema_migrations ORDER BY version";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    migrations.Add((reader.GetInt32(0), reader.GetString(1)));
                }
            }
        }
        return new BackupCheck(problems, migrations);
    }

    /// The refusal a server of this build would give the database, if any: migrations it lacks.
    public static SchemaTooNewException? Unknown(BackupCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var known = EmbeddedMigrations.For("sqlite");
        var versions = known.Select(m => m.Version).ToHashSet();
        var unknown = check.Migrations.Where(m => !versions.Contains(m.Version)).Select(m => m.Name).ToList();
        return unknown.Count == 0 ? null : new SchemaTooNewException(unknown, known.Count == 0 ? 0 : known[^1].Version);
    }

    static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
