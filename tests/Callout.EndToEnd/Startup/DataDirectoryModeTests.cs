using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Startup;

/// docs/security.md, Secrets at rest: the data directory is 0700 and every file in it 0600, as
/// created and as found, since the database holds the keys that seal acknowledgement links.
public sealed class DataDirectoryModeTests : IDisposable
{
    const UnixFileMode Directory0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode Group0644 = File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    readonly string _temp = Directory.CreateTempSubdirectory("callout-modes-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    static async Task WriteSomethingAsync(ServerProcess server)
    {
        var client = ApiClient.ForNewAccount(server.Endpoint);
        await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void AssertOwnerOnly(string data)
    {
        Assert.Equal(Directory0700, File.GetUnixFileMode(data));
        foreach (var file in Directory.EnumerateFiles(data))
        {
            Assert.True(File.GetUnixFileMode(file) == File0600, $"{file} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task a_new_data_directory_and_every_file_the_server_writes_there_are_for_its_user_alone()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }
        var data = Path.Combine(_temp, "new", "data");

        await using (var server = await ServerProcess.StartAsync(data))
        {
            await WriteSomethingAsync(server);
            Assert.True(File.Exists(Path.Combine(data, "callout.db-wal")), string.Join(", ", Directory.EnumerateFiles(data)));
            Assert.True(File.Exists(Path.Combine(data, "callout.db-shm")), string.Join(", ", Directory.EnumerateFiles(data)));
            AssertOwnerOnly(data);
            Assert.DoesNotContain("readable by other users", server.Output, StringComparison.Ordinal);
        }
        AssertOwnerOnly(data);
    }

    [Fact]
    public async Task a_data_directory_open_to_others_is_tightened_with_one_warning_for_each_path()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }
        var data = Path.Combine(_temp, "old");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, Directory0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var database = Path.Combine(data, "callout.db");
        var other = Path.Combine(data, "notes.txt");
        foreach (var file in new[] { database, other })
        {
            await File.WriteAllBytesAsync(file, []);
            File.SetUnixFileMode(file, Group0644);
        }

        await using (var server = await ServerProcess.StartAsync(data))
        {
            await WriteSomethingAsync(server);
            AssertOwnerOnly(data);
            foreach (var path in new[] { data, database, other })
            {
                Assert.Contains($"{path} was readable by other users", server.Output, StringComparison.Ordinal);
            }
        }

        await using var again = await ServerProcess.StartAsync(data);
        Assert.DoesNotContain("readable by other users", again.Output, StringComparison.Ordinal);
        AssertOwnerOnly(data);
    }
}
