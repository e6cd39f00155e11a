using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Incidents;

/// Response plans, resource policies and ssm-incidents tags through clients we don't control —
/// boto3 (tests/clients/python/test_boto3_response_plans.py) and AWS CLI v1
/// (tests/clients/cli/test_cli_response_plans.sh); the JS SDK v3's
/// (tests/clients/js/incidents/response-plans.test.mjs) runs with RealClientIncidentsTests' folder.
/// Each against a fresh server in `--auth off` and in `--auth strict`: under strict the tag calls
/// prove that a signature over a path holding a percent-encoded ARN verifies.
public sealed class RealClientResponsePlanTests
{
    const string Key = "AKIACALLOUTPLAN1";
    const string Secret = "cmVzcG9uc2UtcGxhbnMtc2VjcmV0";
    const string Account = "555566667777";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_boto3_response_plan_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "python", "python3", "-m", "unittest", "-v", "test_boto3_response_plans");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_aws_cli_response_plan_suite_passes(bool strict) =>
        RunSuiteAsync(strict, "cli", "bash", "test_cli_response_plans.sh");

    /// The calls Terraform's provider makes for aws_ssmincidents_replication_set and
    /// aws_ssmincidents_response_plan, replayed with boto3 (the script cites the provider's functions).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task the_terraform_provider_call_sequence_replays(bool strict) =>
        RunSuiteAsync(strict, "python", "python3", "-m", "unittest", "-v", "test_terraform_incidents_replay");

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
