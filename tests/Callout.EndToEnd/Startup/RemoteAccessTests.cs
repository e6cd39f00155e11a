using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Startup;

/// `--auth off` refuses to listen beyond loopback unless the operator passes the flag that names the
/// risk, and then the log says so once more (docs/security.md, "Surfaces").
public sealed class RemoteAccessTests
{
    const string Flag = "--allow-unauthenticated-remote-access";

    static void AssertRefused(ServerCommand.Exit exit, string names)
    {
        Assert.Equal(2, exit.Code);
        var stderr = exit.Stderr.TrimEnd('\n');
        Assert.Single(stderr.Split('\n'));
        Assert.Contains(names, stderr, StringComparison.Ordinal);
        Assert.Contains(Flag, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Callout listening on", exit.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://*:0")]
    public async Task auth_off_on_every_interface_is_refused_with_exit_code_2(string urls) =>
        AssertRefused(await ServerCommand.RunToExitAsync(["--urls", urls, "--in-memory"]), urls);

    [Fact]
    public async Task a_metrics_listener_beyond_loopback_with_auth_off_is_refused_too() =>
        AssertRefused(await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--metrics-urls", "http://0.0.0.0:0", "--in-memory"]), "--metrics-urls");

    [Fact]
    public async Task the_flag_lets_it_start_and_the_log_warns()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0", Flag]);

        var warning = await WarningAsync(server);
        Assert.Contains("http://0.0.0.0:0", warning, StringComparison.Ordinal);
        Assert.Contains("warn", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_variable_lets_it_start_and_the_log_warns()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0"],
            environment: new Dictionary<string, string> { ["CALLOUT_ALLOW_UNAUTHENTICATED_REMOTE_ACCESS"] = "true" });

        Assert.Contains("http://0.0.0.0:0", await WarningAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task strict_auth_on_every_interface_starts_without_the_flag()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0", "--auth", "strict", "--credentials", "AKIAREMOTE:c2VjcmV0:404040404040"]);

        Assert.StartsWith("http://0.0.0.0:", server.Endpoint.ToString(), StringComparison.Ordinal);
    }

    /// The Warning line, which the console logger may write just after the banner.
    static async Task<string> WarningAsync(ServerProcess server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = server.Output.Split('\n').FirstOrDefault(l => l.Contains("beyond loopback", StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }
            await Task.Delay(50, timeout.Token);
        }
    }
}
