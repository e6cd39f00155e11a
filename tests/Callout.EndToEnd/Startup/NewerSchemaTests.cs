using Callout.EndToEnd.Harness;
using Npgsql;

namespace Callout.EndToEnd.Startup;

/// A database a newer Callout has migrated is refused at start-up, on either backend, with one line
/// saying so and exit code 2 (docs/operations.md, Upgrades): this build must not write to a schema
/// it does not know, and restarting it will not help.
public sealed class NewerSchemaTests : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("callout-newer-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    static void AssertRefused(ServerCommand.Exit exit, string where)
    {
        Assert.Equal(2, exit.Code);
        var stderr = exit.Stderr.TrimEnd('\n');
        Assert.Single(stderr.Split('\n'));
        Assert.Contains("written by a newer Callout", stderr, StringComparison.Ordinal);
        Assert.Contains("9999_from_the_future", stderr, StringComparison.Ordinal);
        Assert.Contains(where, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exit.Stdout + exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", exit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_sqlite_database_from_a_newer_version_is_refused_with_exit_code_2()
    {
        var data = Path.Combine(_temp, "data");
        await using (var server = await ServerProcess.StartAsync(data))
        {
            await server.StopAsync();
        }
        var file = Path.Combine(data, "callout.db");
        await PythonScript.RunAsync($$"""
            import sqlite3
            db = sqlite3.connect("{{file}}")
            db.execute("INSERT INTO schema_migrations VALUES (9999, '9999_from_the_future')")
            db.commit()
            """);

        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--data-dir", data]);

        AssertRefused(exit, file);
    }

    [Fact]
    public async Task a_postgresql_schema_from_a_newer_version_is_refused_with_exit_code_2()
    {
        await using var database = await Postgres.CreateSchemaAsync();
        await using (var server = await ServerProcess.StartAsync(null, ["--store", database.ConnectionString]))
        {
            await server.StopAsync();
        }
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO schema_migrations VALUES (9999, '9999_from_the_future')", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--store", database.ConnectionString]);

        AssertRefused(exit, "PostgreSQL");
    }
}
