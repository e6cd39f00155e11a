using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Outbox;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Sqlite;

/// An upgrade from every schema version this project has had (docs/operations.md, Upgrades). No
/// version is tagged yet, so a database at version N is made the way that build made it: by the
/// scripts 0001..N, kept in the repository and never edited. Its rows are this build's
/// representative data, copied in with the columns version N had (every SQLite migration so far
/// only adds tables, columns and triggers, so an old build's rows are those columns of today's).
/// Migrated forward, the database must read back as the original does, table by table.
public sealed class SqliteUpgradeFromEveryVersionTests : IDisposable
{
    static readonly CancellationToken None = CancellationToken.None;

    // Kept by triggers from the rows they count, or by SQLite itself.
    static readonly HashSet<string> Derived = ["schema_migrations", "contact_counts", "rotation_members", "sqlite_sequence"];

    readonly string _root = Directory.CreateTempSubdirectory("callout-upgrade-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    static IReadOnlyList<(int Version, string Name)> Scripts() =>
        [.. typeof(SqliteStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sqlite/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n["sqlite/".Length..^".sql".Length])
            .Select(n => (int.Parse(n.Split('_')[0], CultureInfo.InvariantCulture), n))
            .OrderBy(m => m.Item1)];

    public static TheoryData<int> EarlierVersions() => [.. Scripts().Select(s => s.Version).SkipLast(1)];

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task a_database_at_an_earlier_schema_version_migrates_forward_and_reads_back_its_rows(int version)
    {
        var current = Path.Combine(_root, "current");
        await using (var store = SqliteStore.OpenFile(current))
        {
            await store.MigrateAsync(None);
            await UpgradeFixture.SeedAsync(store);
        }

        var old = Path.Combine(_root, "old");
        Directory.CreateDirectory(old);
        IReadOnlyList<string> tables;
        using (var connection = Open(Path.Combine(old, SqliteStore.FileName)))
        {
            Execute(connection, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)");
            foreach (var (v, name) in Scripts().Where(s => s.Version <= version))
            {
                Execute(connection, Script(name));
                Execute(connection, $"INSERT INTO schema_migrations VALUES ({v}, '{name}')");
            }
            tables = CopyRows(connection, Path.Combine(current, SqliteStore.FileName));
        }
        Assert.Contains("contacts", tables);

        await using var original = SqliteStore.OpenFile(current);
        await using var migrated = SqliteStore.OpenFile(old);
        await migrated.MigrateAsync(None);
        var expected = (await UpgradeFixture.ReadAsync(original)).Where(line => tables.Contains(line.Split(':')[0])).ToList();
        Assert.Equal(expected, await UpgradeFixture.ReadAsync(migrated));
    }

    /// Copies every row of the current database's tables that the old one has, in the columns the
    /// old one has; returns the tables copied.
    static List<string> CopyRows(SqliteConnection old, string current)
    {
        Execute(old, $"ATTACH DATABASE '{current}' AS current");
        var tables = Strings(old, "SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name").Where(t => !Derived.Contains(t)).ToList();
        // Foreign keys are checked at the commit, once every table has its rows, whatever the order.
        Execute(old, "BEGIN; PRAGMA defer_foreign_keys = ON;");
        foreach (var table in tables)
        {
            var columns = string.Join(", ", Strings(old, $"SELECT name FROM pragma_table_info('{table}', 'main')").Select(c => $"\"{c}\""));
            Execute(old, $"INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM current.\"{table}\"");
        }
        Execute(old, "COMMIT");
        Execute(old, "DETACH DATABASE current");
        return tables;
    }

    static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    static string Script(string name)
    {
        using var stream = typeof(SqliteStore).Assembly.GetManifestResourceStream($"sqlite/{name}.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
