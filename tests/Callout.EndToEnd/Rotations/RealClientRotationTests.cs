using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Rotations;

/// Rotations through clients we don't control — boto3 (tests/clients/python/test_boto3_rotations.py),
/// AWS CLI v1 (tests/clients/cli/test_cli_rotations.sh) and JS SDK v3 (tests/clients/js/rotations/) —
/// each run as a child process against a fresh in-memory server on the system clock: overrides are
/// checked against "now", so the suites move their vectors into the near future themselves.
public sealed class RealClientRotationTests
{
    [Fact]
    public Task the_boto3_rotation_suite_passes() =>
        RunSuiteAsync("python", "python3", "-m", "unittest", "-v", "test_boto3_rotations");

    [Fact]
    public Task the_aws_cli_rotation_suite_passes() =>
        RunSuiteAsync("cli", "bash", "test_cli_rotations.sh");

    // node_modules comes from tests/install-test-dependencies.sh, run by the test build.
    [Fact]
    public Task the_js_sdk_v3_rotation_suite_passes() =>
        RunSuiteAsync("js", "node", "--test", "rotations/");

    static async Task RunSuiteAsync(string folder, string program, params string[] arguments)
    {
        await using var server = await ServerProcess.StartAsync();
        await ClientSuite.RunAsync(server, folder, program, arguments);
    }
}
