using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Incidents;

/// The SSM Incidents API through clients we don't control — boto3
/// (tests/clients/python/test_boto3_incidents.py) and AWS CLI v1 (tests/clients/cli/test_cli_incidents.sh,
/// which also tries AWS_ENDPOINT_URL_SSM_INCIDENTS) and JS SDK v3 (tests/clients/js/incidents/) — each against a fresh server in `--auth off` and
/// in `--auth strict`, so each client's own SigV4 signer is checked with the `ssm-incidents` signing
/// name, query strings and 204 answers included.
public sealed class RealClientIncidentsTests
{
    const string Key = "AKIACALLOUTINC01";
    const string Secret = "aW5jaWRlbnRzLXN1aXRlLXNlY3JldA";
    const string Account = "444455556666";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_boto3_incidents_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "python", "python3", "-m", "unittest", "-v", "test_boto3_incidents");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_aws_cli_incidents_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "cli", "bash", "test_cli_incidents.sh");

    // node_modules comes from tests/install-test-dependencies.sh, run by the test build.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_js_sdk_v3_incidents_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "js", "node", "--test", "incidents/");

    static async Task RunSuiteAsync(bool strict, string folder, string program, params string[] arguments)
    {
        await using var server = await ServerProcess.StartAsync(
            extraArgs: strict ? ["--auth", "strict", "--credentials", $"{Key}:{Secret}:{Account}"] : null);
        var credential = strict
            ? new Dictionary<string, string> { ["CALLOUT_STRICT_KEY"] = Key, ["CALLOUT_STRICT_SECRET"] = Secret, ["CALLOUT_STRICT_ACCOUNT"] = Account }
            : null;
        await ClientSuite.RunAsync(server, folder, program, credential, arguments);
    }
}
