using System.Text.Json;
using Callout.EndToEnd.Harness;
using Npgsql;

namespace Callout.EndToEnd.Observability;

/// GET /health reads the store and names the check that failed; GET /health/live depends on
/// nothing, and GET /metrics still answers (docs/operations.md).
public sealed class HealthTests
{
    static readonly HttpClient Http = new();

    static async Task<(int Status, JsonElement Body)> GetAsync(ServerProcess server, string path)
    {
        using var response = await Http.GetAsync(new Uri(server.Endpoint, path));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task health_names_the_build_as_the_version_flag_and_the_banner_do()
    {
        var version = await ServerCommand.RunToExitAsync(["--version"]);
        await using var server = await ServerProcess.StartAsync();

        var (status, body) = await GetAsync(server, "health");

        Assert.Equal(200, status);
        var built = System.Diagnostics.FileVersionInfo.GetVersionInfo(Paths.ServerDll).ProductVersion!;
        Assert.Equal(built, body.GetProperty("version").GetString());
        Assert.StartsWith($"Callout {built} ", version.Stdout, StringComparison.Ordinal);
        Assert.Contains($"(version: {built}, ", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task health_reports_the_store_and_fails_with_its_name_once_the_postgresql_schema_is_gone()
    {
        var database = await Postgres.CreateSchemaAsync();
        await using var _ = database;
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--store", database.ConnectionString]);

        var (status, body) = await GetAsync(server, "health");
        Assert.Equal(200, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("store").GetString());

        await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("CALLOUT_TEST_PG") ?? database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {database.Schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        (status, body) = await GetAsync(server, "health");
        Assert.Equal(503, status);
        Assert.Equal("failing", body.GetProperty("status").GetString());
        Assert.Equal(["store"], body.GetProperty("failing").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("failing: ", body.GetProperty("checks").GetProperty("store").GetString(), StringComparison.Ordinal);
        Assert.Single(await ServerLog.WaitForAsync(server, l => l.Contains(" warn: ", StringComparison.Ordinal)
            && l.Contains("GET /health: the store check failed", StringComparison.Ordinal)));

        // /metrics still answers, and the figure it cannot read is NaN, not the last one it read.
        Assert.True(double.IsNaN(MetricsText.Value(await MetricsText.ScrapeAsync(server.Endpoint), "callout_engine_engagements_running")!.Value));

        // Liveness does not depend on the store.
        (status, body) = await GetAsync(server, "health/live");
        Assert.Equal(200, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }
}
