using System.Globalization;
using Callout.Storage.Postgres;
using Npgsql;
using Xunit;

namespace Callout.Storage.Tests.Postgres;

/// The PostgreSQL counterpart of SqliteUpgradeFromEveryVersionTests: a schema built by the scripts
/// 0001..N, holding this build's representative rows in the columns version N had, migrated
/// forward, reads back as the original. Skipped when CALLOUT_TEST_PG is not set.
public sealed class PostgresUpgradeFromEveryVersionTests : IAsyncLifetime, INeedPostgres
{
    static readonly CancellationToken None = CancellationToken.None;

    // Kept by triggers from the rows they index.
    static readonly HashSet<string> Derived = ["schema_migrations", "rotation_members"];

    // Parents before the tables whose foreign keys name them.
    static readonly string[] Parents = ["contacts", "rotations"];

    string _current = "";
    string _currentConnection = "";
    string _old = "";
    string _oldConnection = "";

    public Task InitializeAsync()
    {
        (_current, _currentConnection) = PostgresTestDatabase.CreateSchema();
        (_old, _oldConnection) = PostgresTestDatabase.CreateSchema();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await PostgresTestDatabase.DropSchemaAsync(_current);
        await PostgresTestDatabase.DropSchemaAsync(_old);
    }

    static IReadOnlyList<(int Version, string Name)> Scripts() =>
        [.. typeof(PostgresStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("postgres/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n["postgres/".Length..^".sql".Length])
            .Select(n => (int.Parse(n.Split('_')[0], CultureInfo.InvariantCulture), n))
            .OrderBy(m => m.Item1)];

    public static TheoryData<int> EarlierVersions() => [.. Scripts().Select(s => s.Version).SkipLast(1)];

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task a_schema_at_an_earlier_version_migrates_forward_and_reads_back_its_rows(int version)
    {
        await using (var store = PostgresStore.Create(_currentConnection))
        {
            await store.MigrateAsync(None);
            await UpgradeFixture.SeedAsync(store);
        }

        List<string> tables;
        await using (var dataSource = NpgsqlDataSource.Create(PostgresConnectionString.Normalize(_oldConnection)))
        {
            await ExecuteAsync(dataSource, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)");
            foreach (var (v, name) in Scripts().Where(s => s.Version <= version))
            {
                await ExecuteAsync(dataSource, Script(name));
                await ExecuteAsync(dataSource, $"INSERT INTO schema_migrations VALUES ({v}, '{name}')");
            }
            tables = [.. (await StringsAsync(dataSource, $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{_old}' AND table_type = 'BASE TABLE'"))
                .Where(t => !Derived.Contains(t))
                .OrderBy(t => Array.IndexOf(Parents, t) is var i && i >= 0 ? i : Parents.Length)
                .ThenBy(t => t, StringComparer.Ordinal)];
            foreach (var table in tables)
            {
                var columns = string.Join(", ", (await StringsAsync(dataSource,
                    $"SELECT column_name FROM information_schema.columns WHERE table_schema = '{_old}' AND table_name = '{table}' ORDER BY ordinal_position"))
                    .Select(c => $"\"{c}\""));
                await ExecuteAsync(dataSource,
                    $"INSERT INTO {_old}.\"{table}\" ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM {_current}.\"{table}\"");
            }
        }
        Assert.Contains("contacts", tables);

        await using var original = PostgresStore.Create(_currentConnection);
        await using var migrated = PostgresStore.Create(_oldConnection);
        await migrated.MigrateAsync(None);
        var expected = (await UpgradeFixture.ReadAsync(original)).Where(line => tables.Contains(line.Split(':')[0])).ToList();
        Assert.Equal(expected, await UpgradeFixture.ReadAsync(migrated));
    }

    static string Script(string name)
    {
        using var stream = typeof(PostgresStore).Assembly.GetManifestResourceStream($"postgres/{name}.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<List<string>> StringsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
