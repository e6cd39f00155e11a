using System.Diagnostics;
using Npgsql;

namespace Callout.EndToEnd.Harness;

/// A PostgreSQL database for tests that run several nodes: CALLOUT_TEST_PG (set by .ci/run), or
/// the local server that tests/Callout.Storage.Tests/Postgres/start-postgres.sh brings up. Each
/// caller gets a schema of its own, dropped when disposed.
public sealed class Postgres : IAsyncDisposable
{
    readonly string _admin;

    Postgres(string admin, string schema)
    {
        _admin = admin;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ConnectionString;
    }

    public string Schema { get; }

    public string ConnectionString { get; }

    public static async Task<Postgres> CreateSchemaAsync()
    {
        var admin = Environment.GetEnvironmentVariable("CALLOUT_TEST_PG") is { Length: > 0 } set ? set : await StartLocalAsync();
        var schema = "e2e_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        await create.ExecuteNonQueryAsync();
        return new Postgres(admin, schema);
    }

    static async Task<string> StartLocalAsync()
    {
        var script = Path.Combine(Paths.ClientsDir, "..", "Callout.Storage.Tests", "Postgres", "start-postgres.sh");
        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && output.Trim().Length > 0
            ? output.Trim()
            : throw new InvalidOperationException("No PostgreSQL: set CALLOUT_TEST_PG or run start-postgres.sh as root.\n" + errors);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
