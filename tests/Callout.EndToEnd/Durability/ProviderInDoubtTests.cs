using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Durability;

/// A provider that takes the request and never answers leaves the outcome in doubt: the send is
/// made again under the same key, three tries in all, and only then recorded as of unknown outcome
/// (docs/decisions.md, "No page lost"). Takes about half a minute: each try waits out its 10 s.
public sealed class ProviderInDoubtTests : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-indoubt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task a_send_left_in_doubt_is_tried_again_before_it_is_recorded_as_unknown()
    {
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

        await using var provider = new SilentProvider();
        await using var server = await ServerProcess.StartAsync(_dataDir, ["--clock", "virtual"], new Dictionary<string, string>
        {
            ["CALLOUT_SMS_PROVIDER"] = "webhook",
            ["CALLOUT_WEBHOOK_URL"] = provider.Url.ToString(),
            ["CALLOUT_WEBHOOK_SECRET"] = "secret",
        });
        client = new ApiClient(server.Endpoint, client.Account);
        var engagement = (await client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
            """)).GetProperty("EngagementArn").GetString();
        // Returns once the send is done with: every try made and its outcome recorded.
        await VirtualTime.AdvanceAsync(server.Endpoint, TimeSpan.Zero);

        Assert.Equal(3, provider.Requests);
        var page = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).GetProperty("Pages")[0];
        var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
            .GetProperty("Receipts").EnumerateArray().ToList();
        var receipt = Assert.Single(receipts);
        Assert.Equal("ERROR", receipt.GetProperty("ReceiptType").GetString());
        Assert.StartsWith("OUTCOME_UNKNOWN", receipt.GetProperty("ReceiptInfo").GetString(), StringComparison.Ordinal);
    }
}
