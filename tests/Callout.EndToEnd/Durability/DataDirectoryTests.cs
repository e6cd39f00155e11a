using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Durability;

/// What the server finds in its data directory at start-up: another server already using it, or
/// a damaged database. Either is one line on stderr and exit code 1, not a server that half works.
public sealed class DataDirectoryTests : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-datadir-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task a_second_server_on_the_same_data_directory_refuses_to_start_and_a_killed_one_leaves_no_stale_lock()
    {
        await using (var first = await ServerProcess.StartAsync(_dataDir))
        {
            var second = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--data-dir", _dataDir]);
            Assert.Equal(1, second.Code);
            var line = Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Another Callout server is using the data directory", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Callout listening on", second.Stdout, StringComparison.Ordinal);

            // The first goes on serving.
            var client = ApiClient.ForNewAccount(first.Endpoint);
            await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            await first.KillAsync();
        }

        // The OS dropped the killed server's lock with the process.
        await using var restarted = await ServerProcess.StartAsync(_dataDir);
        var contacts = await ApiClient.ForNewAccount(restarted.Endpoint).OkAsync("ListContacts", "{}");
        Assert.Equal(System.Text.Json.JsonValueKind.Array, contacts.GetProperty("Contacts").ValueKind);
    }

    [Fact]
    public async Task damage_found_while_serving_fails_health_from_then_on()
    {
        await using (var setup = await ServerProcess.StartAsync(_dataDir))
        {
            await FillAsync(setup);
            await setup.StopAsync();
        }
        var file = Path.Combine(_dataDir, "callout.db");
        var lastLeaf = await LastLeafAsync(file, "contacts");
        await using var server = await ServerProcess.StartAsync(_dataDir);
        var health = await HealthAsync(server);
        Assert.Equal(200, health.Status);

        // The file is damaged under the running server, past the start-up check: the contacts
        // table's last leaf, which listing every contact reaches and /health's own read of the
        // first contact does not.
        await DamagePageAsync(file, lastLeaf);
        var client = new ApiClient(server.Endpoint, "111122223333");
        var failed = 0;
        string? token = null;
        for (var i = 0; i < 50; i++)
        {
            var response = await client.CallAsync("ListContacts", token is null ? """{"MaxResults":10}""" : $$$"""{"MaxResults":10,"NextToken":"{{{token}}}"}""");
            if (response.Status != 200)
            {
                Assert.Equal(500, response.Status);
                failed++;
                break;
            }
            if (!response.Json.TryGetProperty("NextToken", out var next))
            {
                break;
            }
            token = next.GetString();
        }
        Assert.Equal(1, failed);

        health = await HealthAsync(server);
        Assert.Equal(503, health.Status);
        Assert.Contains("\"failing\"", health.Body, StringComparison.Ordinal);
    }

    static readonly HttpClient Http = new();

    static async Task<(int Status, string Body)> HealthAsync(ServerProcess server)
    {
        using var response = await Http.GetAsync(new Uri(server.Endpoint, "health"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// Enough contacts of one account that the file has pages well beyond the schema's.
    static async Task FillAsync(ServerProcess server)
    {
        var client = new ApiClient(server.Endpoint, "111122223333");
        for (var i = 0; i < 200; i++)
        {
            await client.OkAsync("CreateContact", $$$"""{"Alias":"person-{{{i:000}}}","DisplayName":"{{{new string('x', 200)}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        }
    }

    const int PageSize = 4096;

    /// Garbage over the page `percent` of the way into the file: the header and the schema stay sound.
    static Task DamagePageAsync(string file, int percent)
    {
        var length = new FileInfo(file).Length;
        Assert.True(length >= 20 * PageSize, $"the database has {length / PageSize} pages");
        return DamagePageAsync(file, length / PageSize * percent / 100 + 1);
    }

    /// Garbage over page `page` (numbered from 1, as SQLite does).
    static async Task DamagePageAsync(string file, long page)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Position = (page - 1) * PageSize;
        var garbage = new byte[PageSize];
        new Random(7).NextBytes(garbage);
        await stream.WriteAsync(garbage);
    }

    /// The right-most child of a table's root page (SQLite's file format: an interior b-tree page
    /// keeps its right-most pointer in header bytes 8–11), which holds the table's last rows.
    static async Task<long> LastLeafAsync(string file, string table)
    {
        var root = long.Parse(await PythonScript.RunAsync($$"""
            import sqlite3
            print(sqlite3.connect("file:{{file}}?mode=ro", uri=True).execute("SELECT rootpage FROM sqlite_master WHERE name = '{{table}}'").fetchone()[0])
            """), System.Globalization.CultureInfo.InvariantCulture);
        var header = new byte[12];
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.Position = (root - 1) * PageSize;
            await stream.ReadExactlyAsync(header);
        }
        Assert.True(header[0] is 0x02 or 0x05, $"the root of {table} (page {root}) is not an interior page: the table is too small");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8, 4));
    }

    [Fact]
    public async Task a_database_with_a_damaged_page_is_refused_at_start_up()
    {
        await using (var server = await ServerProcess.StartAsync(_dataDir))
        {
            await FillAsync(server);
            await server.StopAsync();
        }
        var file = Path.Combine(_dataDir, "callout.db");
        Assert.False(File.Exists(file + "-wal") && new FileInfo(file + "-wal").Length > 0, "the stop left a write-ahead log");
        await DamagePageAsync(file, percent: 50);

        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--data-dir", _dataDir]);

        Assert.Equal(1, exit.Code);
        var line = Assert.Single(exit.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"The SQLite database {file} is damaged", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Callout listening on", exit.Stdout, StringComparison.Ordinal);
    }
}
