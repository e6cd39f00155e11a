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
    public async Task a_database_with_a_damaged_page_is_refused_at_start_up()
    {
        await using (var server = await ServerProcess.StartAsync(_dataDir))
        {
            // Enough rows that the file has pages beyond the schema's.
            var client = ApiClient.ForNewAccount(server.Endpoint);
            for (var i = 0; i < 200; i++)
            {
                await client.OkAsync("CreateContact", $$$"""{"Alias":"person-{{{i}}}","DisplayName":"{{{new string('x', 200)}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
            }
            await server.StopAsync();
        }
        var file = Path.Combine(_dataDir, "callout.db");
        Assert.False(File.Exists(file + "-wal") && new FileInfo(file + "-wal").Length > 0, "the stop left a write-ahead log");
        var length = new FileInfo(file).Length;
        const int pageSize = 4096;
        Assert.True(length >= 20 * pageSize, $"the database has {length / pageSize} pages");
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            // Garbage over a page in the middle of the file: the header and the schema stay sound.
            stream.Position = length / pageSize / 2 * pageSize;
            var garbage = new byte[pageSize];
            new Random(7).NextBytes(garbage);
            await stream.WriteAsync(garbage);
        }

        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--data-dir", _dataDir]);

        Assert.Equal(1, exit.Code);
        var line = Assert.Single(exit.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"The SQLite database {file} is damaged", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Callout listening on", exit.Stdout, StringComparison.Ordinal);
    }
}
