using Callout.Domain.Outbox;
using Callout.Storage.Postgres;
using Npgsql;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Postgres;

/// Upgrades of schemas written by earlier builds; the compliance suite only sees fresh ones. Every
/// test has a schema of its own. Skipped when CALLOUT_TEST_PG is not set (PostgresTestFramework).
public sealed class PostgresMigrationTests : IAsyncLifetime, INeedPostgres
{
    string schema = "";
    string connectionString = "";

    public Task InitializeAsync()
    {
        (schema, connectionString) = PostgresTestDatabase.CreateSchema();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => PostgresTestDatabase.DropSchemaAsync(schema);

    [Fact]
    public async Task a_version_4_schema_keeps_its_outbox_messages_listed_without_arns()
    {
        var names = (string[])["0001_initial", "0002_virtual_clock", "0003_engine_indexes", "0004_primary_keys_last"];
        await using (var dataSource = NpgsqlDataSource.Create(PostgresConnectionString.Normalize(connectionString)))
        {
            foreach (var name in names)
            {
                await ExecuteAsync(dataSource, Script(name));
            }
            await ExecuteAsync(dataSource, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)");
            for (var i = 0; i < names.Length; i++)
            {
                await ExecuteAsync(dataSource, $"INSERT INTO schema_migrations VALUES ({i + 1}, '{names[i]}')");
            }
            await ExecuteAsync(dataSource, """
                INSERT INTO outbox (id, account_id, region, kind, channel_type, address, subject, body, created_at)
                VALUES ('m1', '111122223333', 'us-east-1', 'ACTIVATION', 'EMAIL', 'jane@example.com', 'Your code', 'Code: 123456', 1740830400000)
                """);
        }

        await using var store = PostgresStore.Create(connectionString);
        await store.MigrateAsync(CancellationToken.None);

        var kept = Assert.Single(await store.ListOutboxAsync(10, CancellationToken.None));
        Assert.Equal(new OutboxMessage("m1", "111122223333", "us-east-1", "ACTIVATION", "EMAIL", "jane@example.com", "Your code",
            "Code: 123456", Instant.FromUnixTimeMilliseconds(1740830400000)), kept);
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
}
