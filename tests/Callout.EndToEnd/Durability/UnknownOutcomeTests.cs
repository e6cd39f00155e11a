using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Durability;

/// A send whose outcome is unknown (the server died while the provider had the request) is
/// recorded as such after the restart and never sent again.
public sealed class UnknownOutcomeTests : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-unknown-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task a_send_interrupted_by_a_kill_is_recorded_as_unknown_and_not_repeated()
    {
        await using var provider = new SilentProvider();
        var webhook = new Dictionary<string, string>
        {
            ["CALLOUT_SMS_PROVIDER"] = "webhook",
            ["CALLOUT_WEBHOOK_URL"] = provider.Url.ToString(),
            ["CALLOUT_WEBHOOK_SECRET"] = "secret",
        };

        // Set up with the local outbox, where the activation code can be read.
        var setup = await ServerProcess.StartAsync(_dataDir, ["--clock", "virtual"]);
        var client = ApiClient.ForNewAccount(setup.Endpoint);
        await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var contact = client.Arn("contact/akuam");
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"sms","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"}}
            """)).GetProperty("ContactChannelArn").GetString();
        var code = await Outbox.LatestCodeAsync(setup.Endpoint, client.Account, "+15005550199");
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}"}}]}]}}
            """);
        await setup.StopAsync();
        await setup.DisposeAsync();

        // The page goes to a provider that never answers; the server is killed while it waits.
        var server = await ServerProcess.StartAsync(_dataDir, ["--clock", "virtual"], webhook);
        client = new ApiClient(server.Endpoint, client.Account);
        var engagement = (await client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
            """)).GetProperty("EngagementArn").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (provider.Requests == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(1, provider.Requests);
        await server.KillAsync();
        await server.DisposeAsync();

        // After the restart the step's lease runs out, it is picked up again, and the pending
        // send is recorded as of unknown outcome instead of being sent again.
        await using var restarted = await ServerProcess.StartAsync(_dataDir, ["--clock", "virtual"], webhook);
        client = new ApiClient(restarted.Endpoint, client.Account);
        await VirtualTime.AdvanceAsync(restarted.Endpoint, TimeSpan.FromMinutes(10));

        Assert.Equal(1, provider.Requests);
        var page = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).GetProperty("Pages")[0];
        var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
            .GetProperty("Receipts").EnumerateArray().ToList();
        var receipt = Assert.Single(receipts);
        Assert.Equal("ERROR", receipt.GetProperty("ReceiptType").GetString());
        Assert.StartsWith("OUTCOME_UNKNOWN", receipt.GetProperty("ReceiptInfo").GetString(), StringComparison.Ordinal);
        var described = await client.OkAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        Assert.True(described.TryGetProperty("StopTime", out _));
    }
}
