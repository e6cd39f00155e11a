using System.Diagnostics;
using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Release;

/// The release archive installs like any server: its single-file executable runs on a machine
/// without .NET and passes the boto3 suite; its example configuration and systemd unit are valid
/// (README, "Install"; docs/operations.md).
[Collection(ReleaseArchiveCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseArchiveTests(ReleaseArchive release) : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("callout-release-run-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    static readonly byte[] ElfMagic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// The version of the sources the archive was built from: the prefix the server's build
    /// carries, and the commit checked out when release/build.sh ran.
    string BuiltVersion => FileVersionInfo.GetVersionInfo(Paths.ServerDll).ProductVersion!.Split('+')[0] + "+" + release.Commit;

    [Fact]
    public void the_archive_holds_one_folder_with_the_executable_the_example_configuration_and_the_unit()
    {
        var folder = Path.GetFileName(release.Folder);

        Assert.Matches(@"^callout-\d+\.\d+\.\d+-linux-x64$", folder);
        Assert.Equal(
            [$"{folder}/", $"{folder}/callout", $"{folder}/callout.example.json", $"{folder}/callout.service"],
            release.Entries.Order(StringComparer.Ordinal));
        Assert.True(File.GetUnixFileMode(release.Executable).HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute));
        // An x86-64 ELF executable (e_machine 62), not a script or an assembly for `dotnet`.
        var header = File.ReadAllBytes(release.Executable).AsSpan(0, 20).ToArray();
        Assert.Equal(ElfMagic, header[..4]);
        Assert.Equal(62, BitConverter.ToUInt16(header, 18));
    }

    [Fact]
    public async Task no_dotnet_is_left_for_the_executable_to_find()
    {
        var shell = await ReleaseArchive.ExecAsync("sh", ["-c", "command -v dotnet || echo none; echo \"root=${DOTNET_ROOT-unset}\""],
            _temp, release.WithoutDotnet(), TimeSpan.FromMinutes(1));

        Assert.Equal("none\nroot=unset\n", shell.Stdout);
    }

    [Fact]
    public async Task the_executable_names_the_version_of_the_sources_it_was_built_from()
    {
        var exit = await release.RunAsync("--version");

        Assert.Equal(0, exit.Code);
        Assert.StartsWith($"Callout {BuiltVersion} (.NET ", exit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_executable_without_dotnet_serves_the_boto3_suite_on_sqlite_with_json_logs()
    {
        var data = Path.Combine(_temp, "data");
        await using var server = await ServerProcess.StartExecutableAsync(release.Executable,
            ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", data, "--log-format", "json"], release.WithoutDotnet(), release.Folder);

        await ClientSuite.RunAsync(server, "python", "python3", "-m", "unittest", "-v", "test_boto3");

        using var http = new HttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.Endpoint, "health"))).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(BuiltVersion, health.GetProperty("version").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.True(File.Exists(Path.Combine(data, "callout.db")));
        // Single-file publishing keeps the JSON log formatter: every line parses.
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\"requestId\"", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
    }

    [Fact]
    public async Task the_example_configuration_passes_check_config()
    {
        // The example names /etc/callout/credentials.json; the flag stands in for it here.
        var credentials = Path.Combine(_temp, "credentials.json");
        File.WriteAllText(credentials, """[{"accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "secret", "accountId": "111122223333"}]""");

        var exit = await release.RunAsync("check-config", "--config", Path.Combine(release.Folder, "callout.example.json"), "--credentials-file", credentials);

        Assert.True(exit.Code == 0, exit.Stderr);
        Assert.Contains("store: sqlite /var/lib/callout/data/callout.db", exit.Stdout, StringComparison.Ordinal);
        Assert.Contains("auth: strict with 1 credentials", exit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_systemd_unit_is_sandboxed_and_passes_systemd_analyze_verify()
    {
        var unit = File.ReadAllText(Path.Combine(release.Folder, "callout.service"));
        var settings = unit.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        foreach (var setting in new[]
        {
            "User=callout", "StateDirectory=callout", "StateDirectoryMode=0700", "NoNewPrivileges=yes", "ProtectSystem=strict",
            "ProtectHome=yes", "PrivateTmp=yes", "ExecStart=/usr/local/bin/callout serve --config /etc/callout/callout.json",
        })
        {
            Assert.Contains(setting, settings);
        }
        // Nothing else may be written: no ReadWritePaths= beside the state directory.
        Assert.DoesNotContain(settings, s => s.StartsWith("ReadWritePaths=", StringComparison.Ordinal));

        // verify checks that ExecStart's program exists, so the copy points at the unpacked one.
        var copy = Path.Combine(_temp, "callout.service");
        File.WriteAllText(copy, unit.Replace("/usr/local/bin/callout", release.Executable, StringComparison.Ordinal));
        var verify = await ReleaseArchive.ExecAsync("systemd-analyze", ["verify", "--man=no", copy], _temp, null, TimeSpan.FromMinutes(1));

        // systemd-analyze exits 0 even for unknown keys and bad values; it reports them on stderr.
        Assert.True(verify.Code == 0 && verify.Stderr.Length == 0 && verify.Stdout.Length == 0,
            $"systemd-analyze verify (exit {verify.Code}):\n{verify.Stdout}{verify.Stderr}");
    }
}
