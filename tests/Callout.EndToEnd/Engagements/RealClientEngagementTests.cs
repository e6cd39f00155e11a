using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Engagements;

/// Whole engagements through clients we don't control — boto3 (tests/clients/python/
/// test_boto3_engagements.py) and JS SDK v3 (tests/clients/js/engagements/) — each run as a
/// child process against a fresh in-memory server on the virtual clock, which the suites move
/// with POST /_callout/clock/advance.
public sealed class RealClientEngagementTests
{
    [Fact]
    public Task the_boto3_engagement_suite_passes_on_the_virtual_clock() =>
        RunSuiteAsync("python", "python3", "-m", "unittest", "-v", "test_boto3_engagements");

    // node_modules comes from `npm ci` in Callout.EndToEnd.csproj's InstallJsClient target.
    [Fact]
    public Task the_js_sdk_v3_engagement_suite_passes_on_the_virtual_clock() =>
        RunSuiteAsync("js", "node", "--test", "engagements/");

    static async Task RunSuiteAsync(string folder, string program, params string[] arguments)
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual"]);
        await ClientSuite.RunAsync(server, folder, program, arguments);
    }
}
