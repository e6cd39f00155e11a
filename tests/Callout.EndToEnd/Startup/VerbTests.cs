using System.Diagnostics;
using System.Text.Json;
using Callout.EndToEnd.Harness;
using Npgsql;

namespace Callout.EndToEnd.Startup;

/// `callout VERB`: serve by default, check-config and migrate run and exit, and --version names
/// the build (README, "Install").
public sealed class VerbTests : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("callout-verbs-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// What the SDK stamped into the server: its version and the commit it was built from.
    static string BuiltVersion => FileVersionInfo.GetVersionInfo(Paths.ServerDll).ProductVersion!;

    /// The newest migration the build carries, from the scripts themselves.
    static int NewestMigration(string dialect) => Directory.GetFiles(Path.Combine(Path.GetDirectoryName(Paths.ServerProject)!, "..", "Callout.Storage", "Migrations", dialect), "*.sql")
        .Max(f => int.Parse(Path.GetFileName(f)[..4], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task version_prints_the_informational_version_with_its_commit_and_exits_0()
    {
        var exit = await ServerCommand.RunToExitAsync(["--version"]);

        Assert.Equal(0, exit.Code);
        Assert.Equal("", exit.Stderr);
        Assert.Matches(@"^\d+\.\d+\.\d+\+[0-9a-f]{40}$", BuiltVersion);
        Assert.Equal($"Callout {BuiltVersion} (.NET {Environment.Version})", exit.Stdout.Trim());
    }

    [Fact]
    public async Task check_config_of_a_good_file_exits_0_without_starting_anything()
    {
        var config = Path.Combine(_temp, "callout.json");
        File.WriteAllText(config, """
            // Comments are allowed, as in the shipped example.
            { "server": { "urls": "http://127.0.0.1:1", "logFormat": "json" }, "store": { "dataDir": "data" }, "auth": { "mode": "strict", "credentials": "AKIDCHECK:secret:111122223333" } }
            """);

        var exit = await ServerCommand.RunToExitAsync(["check-config", "--config", config], workingDirectory: _temp);

        Assert.Equal(0, exit.Code);
        Assert.Equal("", exit.Stderr);
        Assert.StartsWith("The configuration is valid (", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains($"config: {config}", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains("auth: strict with 1 credentials", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains("log format: json", exit.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", exit.Stdout, StringComparison.Ordinal);
        // Nothing was opened: no data directory, no database.
        Assert.False(Directory.Exists(Path.Combine(_temp, "data")));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { """{ "server": { "logFormat": "xml" } }""", "--log-format (CALLOUT_LOG_FORMAT, server.logFormat in callout.json) takes text or json, not 'xml'." },
        { """{ "server": { "urlz": "http://127.0.0.1:1" } }""", "has an unknown setting 'server.urlz'" },
        { """{ "server": { "urls": """, "Cannot read the configuration file" },
        { """{ "auth": { "mode": "strict", "credentialsFile": "missing.json" } }""", "missing.json" },
        { """{ "delivery": { "email": "smtp" } }""", "CALLOUT_SMTP_HOST" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task check_config_of_a_bad_file_exits_2_naming_the_problem(string file, string message)
    {
        var config = Path.Combine(_temp, "callout.json");
        File.WriteAllText(config, file);

        var exit = await ServerCommand.RunToExitAsync(["check-config", "--config", config], workingDirectory: _temp);

        Assert.Equal(2, exit.Code);
        Assert.Equal("", exit.Stdout);
        Assert.Contains(message, exit.Stderr, StringComparison.Ordinal);
        Assert.Single(exit.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task check_config_refuses_a_bad_flag_as_serve_does()
    {
        var exit = await ServerCommand.RunToExitAsync(["check-config", "--clock", "sundial"], workingDirectory: _temp);

        Assert.Equal(2, exit.Code);
        Assert.Contains("--clock", exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_verb_exits_2_listing_the_verbs()
    {
        var exit = await ServerCommand.RunToExitAsync(["sevre", "--in-memory"]);

        Assert.Equal(2, exit.Code);
        Assert.Contains("Unknown command 'sevre'", exit.Stderr, StringComparison.Ordinal);
        Assert.Contains("check-config, migrate", exit.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task backup_and_restore_without_a_file_print_their_usage(string verb)
    {
        var exit = await ServerCommand.RunToExitAsync([verb]);

        Assert.Equal(2, exit.Code);
        Assert.Contains($"Usage: callout {verb} FILE", exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task serve_is_the_verb_that_starts_the_server_and_the_default()
    {
        var named = await ServerCommand.RunUntilListeningAsync("dotnet", [Paths.ServerDll, "serve", "--in-memory", "--urls", "http://127.0.0.1:0"], _temp);

        Assert.Contains($"(version: {BuiltVersion}, ", named, StringComparison.Ordinal);
    }

    [Fact]
    public async Task migrate_creates_the_sqlite_schema_at_the_newest_version_and_exits_0()
    {
        var data = Path.Combine(_temp, "data");

        var exit = await ServerCommand.RunToExitAsync(["migrate", "--data-dir", data]);

        Assert.Equal(0, exit.Code);
        Assert.Equal("", exit.Stderr);
        Assert.Contains(Path.Combine(data, "callout.db"), exit.Stdout, StringComparison.Ordinal);
        var versions = await PythonScript.RunAsync($"""
            import sqlite3
            rows = sqlite3.connect({JsonSerializer.Serialize(Path.Combine(data, "callout.db"))}).execute("SELECT count(*), max(version) FROM schema_migrations").fetchone()
            print(rows[0], rows[1])
            """);
        var newest = NewestMigration("sqlite");
        Assert.Equal($"{newest} {newest}", versions);

        // A server started on it afterwards has nothing left to do and serves.
        await using var server = await ServerProcess.StartAsync(data);
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(server.Endpoint, "health"))).StatusCode);
    }

    [Fact]
    public async Task migrate_refuses_a_data_directory_a_running_server_holds()
    {
        var data = Path.Combine(_temp, "held");
        await using var server = await ServerProcess.StartAsync(data);

        var exit = await ServerCommand.RunToExitAsync(["migrate", "--data-dir", data]);

        Assert.Equal(1, exit.Code);
        Assert.Contains("Another Callout server is using the data directory", exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task migrate_refuses_an_in_memory_store()
    {
        var exit = await ServerCommand.RunToExitAsync(["migrate", "--in-memory"]);

        Assert.Equal(2, exit.Code);
        Assert.Contains("--in-memory", exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task migrate_brings_a_postgresql_schema_to_the_newest_version()
    {
        await using var database = await Postgres.CreateSchemaAsync();

        var exit = await ServerCommand.RunToExitAsync(["migrate", "--store", database.ConnectionString]);

        Assert.True(exit.Code == 0, exit.Stderr);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", connection);
        Assert.Equal(NewestMigration("postgres"), Convert.ToInt32(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
