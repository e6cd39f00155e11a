using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Sts;

/// STS GetCallerIdentity through clients we don't control — boto3 (tests/clients/python/test_boto3_sts.py),
/// AWS CLI v1 (tests/clients/cli/test_cli_sts.sh, which also tries AWS_ENDPOINT_URL_STS) and JS SDK v3
/// (tests/clients/js/sts/) — each against a fresh server in `--auth off` and in `--auth strict`, so
/// each client's own SigV4 signer is checked with the `sts` signing name.
public sealed class RealClientStsTests
{
    const string Key = "AKIACALLOUTSTS03";
    const string Secret = "Y2xpZW50LXN1aXRlLXNlY3JldA";
    const string Account = "666677778888";
    const string AllPartitions = "aws,aws-cn,aws-us-gov";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_boto3_sts_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "python", "python3", "-m", "unittest", "-v", "test_boto3_sts");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_aws_cli_sts_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "cli", "bash", "test_cli_sts.sh");

    // node_modules comes from tests/install-test-dependencies.sh, run by the test build.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_js_sdk_v3_sts_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "js", "node", "--test", "sts/");

    static async Task RunSuiteAsync(bool strict, string folder, string program, params string[] arguments)
    {
        // The suites ask for a cn-north-1 identity too.
        await using var server = await ServerProcess.StartAsync(
            extraArgs: strict
                ? ["--auth", "strict", "--credentials", $"{Key}:{Secret}:{Account}", "--regions", AllPartitions]
                : ["--regions", AllPartitions]);
        var credential = strict
            ? new Dictionary<string, string> { ["CALLOUT_STS_KEY"] = Key, ["CALLOUT_STS_SECRET"] = Secret, ["CALLOUT_STS_ACCOUNT"] = Account }
            : null;
        await ClientSuite.RunAsync(server, folder, program, credential, arguments);
    }
}
