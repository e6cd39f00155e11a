using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Clients;

/// STYLE.md §4 (Do 5): clients we don't control — boto3, AWS CLI v1 and JS SDK v3 — each run
/// as a child process (tests/clients/*) against a fresh in-memory server.
public sealed class RealClientTests
{
    [Fact]
    public Task the_boto3_suite_passes_against_a_fresh_server() =>
        RunSuiteAsync("python", "python3", "-m", "unittest", "-v", "test_boto3");

    [Fact]
    public Task the_aws_cli_suite_passes_against_a_fresh_server() =>
        RunSuiteAsync("cli", "bash", "test_cli.sh");

    // node_modules comes from `npm ci` in Callout.EndToEnd.csproj's InstallJsClient target.
    [Fact]
    public Task the_js_sdk_v3_suite_passes_against_a_fresh_server() =>
        RunSuiteAsync("js", "node", "--test", "test/");

    static async Task RunSuiteAsync(string folder, string program, params string[] arguments)
    {
        await using var server = await ServerProcess.StartAsync();
        await ClientSuite.RunAsync(server, folder, program, arguments);
    }
}
