using Npgsql;

namespace Callout.Storage.Tests.Postgres;

/// The server named by CALLOUT_TEST_PG (Npgsql keywords or a postgres:// URL), and a schema of its
/// own for every test: the engine's queries (claims, next due, secrets, outbox) span all scopes,
/// so tests sharing tables would see each other's steps. A schema is cheaper than a database and
/// isolates as well; the store reaches it through Search Path.
internal static class PostgresTestDatabase
{
    public const string Variable = "CALLOUT_TEST_PG";

    public const string MissingReason =
        Variable + " is not set: start a server with tests/Callout.Storage.Tests/Postgres/start-postgres.sh " +
        "and export " + Variable + " as it prints, to run the PostgreSQL tests.";

    static readonly Lazy<NpgsqlDataSource> Admin = new(() => NpgsqlDataSource.Create(
        Storage.Postgres.PostgresConnectionString.Normalize(ConnectionString ?? throw new InvalidOperationException(MissingReason))));

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// A new empty schema and a connection string whose search path is that schema alone.
    public static (string Schema, string ConnectionString) CreateSchema()
    {
        var schema = "callout_test_" + Guid.NewGuid().ToString("N");
        try
        {
            using var command = Admin.Value.CreateCommand($"CREATE SCHEMA {schema}");
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"{Variable} is set, but PostgreSQL did not create a test schema: {e.Message} " +
                "(tests/Callout.Storage.Tests/Postgres/start-postgres.sh starts a local server).", e);
        }
        var builder = new NpgsqlConnectionStringBuilder(Storage.Postgres.PostgresConnectionString.Normalize(ConnectionString!))
        {
            SearchPath = schema,
        };
        return (schema, builder.ConnectionString);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var command = Admin.Value.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    /// One statement on the admin connection, outside any store.
    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var command = Admin.Value.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
