using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Auth;

/// `--throttle-rate` and `--throttle-burst`: a caller past its rate gets AWS's ThrottlingException at
/// once, and an SDK backs off and retries until it gets through (docs/security.md, Throttling).
public sealed class ThrottlingTests
{
    [Fact]
    public async Task an_account_past_its_burst_is_throttled_and_other_accounts_are_not()
    {
        // One token in 1,000 seconds: nothing refills while the test runs.
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--throttle-rate", "0.001", "--throttle-burst", "3"]);
        var client = ApiClient.ForNewAccount(server.Endpoint);
        for (var i = 0; i < 3; i++)
        {
            await client.OkAsync("ListContacts", "{}");
        }

        var throttled = await client.CallAsync("ListContacts", "{}");

        Assert.Equal(400, throttled.Status);
        Assert.Equal("ThrottlingException", throttled.Type);
        Assert.Equal("ThrottlingException", throttled.ErrorType);
        Assert.Equal("Rate exceeded", throttled.Message);
        await ApiClient.ForNewAccount(server.Endpoint).OkAsync("ListContacts", "{}");
    }

    [Fact]
    public async Task boto3_retries_a_throttled_call_until_it_is_served()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--throttle-rate", "4", "--throttle-burst", "2"]);

        var output = await PythonScript.RunAsync($$"""
            import boto3
            from botocore.config import Config
            c = boto3.client("ssm-contacts", endpoint_url="{{server.Endpoint.ToString().TrimEnd('/')}}", region_name="us-east-1",
                             aws_access_key_id="111122223333", aws_secret_access_key="x",
                             config=Config(retries={"mode": "standard", "max_attempts": 10}))
            retries = 0
            for i in range(8):
                retries += c.list_contacts()["ResponseMetadata"]["RetryAttempts"]
            print(retries)
            """);

        // Eight calls at once against a burst of two: every call was served, some only after retries.
        Assert.True(int.Parse(output, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
    }

    [Fact]
    public async Task a_throttle_rate_of_zero_never_throttles()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--throttle-rate", "0", "--throttle-burst", "1"]);
        var client = ApiClient.ForNewAccount(server.Endpoint);

        for (var i = 0; i < 20; i++)
        {
            await client.OkAsync("ListContacts", "{}");
        }
    }
}
