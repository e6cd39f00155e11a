using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Startup;

/// What stops the server at start-up is one line on stderr and a non-zero exit code, never a
/// stack trace or an abort (exit code 134).
public sealed class StartupFailureTests : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("callout-startup-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    static void AssertOneLine(ServerCommand.Exit exit, int code, string says)
    {
        Assert.Equal(code, exit.Code);
        var stderr = exit.Stderr.TrimEnd('\n');
        Assert.Single(stderr.Split('\n'));
        Assert.Contains(says, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exit.Stdout + exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_port_already_in_use_is_one_line_and_exit_code_1()
    {
        await using var first = await ServerProcess.StartAsync();
        var address = first.Endpoint.GetLeftPart(UriPartial.Authority);

        var exit = await ServerCommand.RunToExitAsync(["--urls", address, "--in-memory"]);

        AssertOneLine(exit, 1, "address already in use");
        Assert.Contains(address, exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_address_this_machine_does_not_have_is_one_line_and_exit_code_1()
    {
        // TEST-NET-1 (RFC 5737): never assigned to a host.
        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://192.0.2.1:4580", "--in-memory", "--allow-unauthenticated-remote-access"]);
        AssertOneLine(exit, 1, "192.0.2.1");
    }

    [Fact]
    public async Task a_data_directory_that_cannot_be_used_is_one_line_and_exit_code_1()
    {
        // A regular file where the directory should be: unusable even for root, unlike chmod 000.
        var notADirectory = Path.Combine(_temp, "data");
        await File.WriteAllTextAsync(notADirectory, "not a directory");

        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--data-dir", notADirectory]);

        AssertOneLine(exit, 1, notADirectory);
    }

    [Fact]
    public async Task a_database_file_that_is_not_a_database_is_one_line_and_exit_code_1()
    {
        var data = Directory.CreateDirectory(Path.Combine(_temp, "data")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(data, "callout.db"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7))]);

        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--data-dir", data]);

        AssertOneLine(exit, 1, "not a database");
        Assert.Contains(Path.Combine(data, "callout.db"), exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_flag_is_one_line_and_exit_code_2()
    {
        var exit = await ServerCommand.RunToExitAsync(["--in-memory", "--prot", "4580"]);
        AssertOneLine(exit, 2, "'--prot'");
    }

    [Fact]
    public async Task a_bad_setting_in_callout_json_is_one_line_and_exit_code_2()
    {
        await File.WriteAllTextAsync(Path.Combine(_temp, "callout.json"), """{ "engine": { "clock": "sundial" } }""");
        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--in-memory"], workingDirectory: _temp);
        AssertOneLine(exit, 2, "engine.clock");
    }
}
