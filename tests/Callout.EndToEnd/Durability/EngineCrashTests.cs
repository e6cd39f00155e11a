using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Durability;

/// The engine's due work lives in the store: after `kill -9` and a restart the timeline goes on
/// where it was, with no page lost and none sent twice.
public sealed class EngineCrashTests : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    Task<ServerProcess> StartAsync() => ServerProcess.StartAsync(_dataDir, ["--clock", "virtual"]);

    static async Task<string> ActivatedChannelAsync(ServerProcess server, ApiClient client, string contact, string name, string type, string address)
    {
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"{{{name}}}","Type":"{{{type}}}","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
            """)).GetProperty("ContactChannelArn").GetString()!;
        var code = await Outbox.LatestCodeAsync(server.Endpoint, client.Account, address);
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        return channel;
    }

    static async Task<List<JsonElement>> PageMessagesAsync(ServerProcess server, ApiClient client) =>
        (await Outbox.MessagesAsync(server.Endpoint, client.Account)).Where(m => m.GetProperty("Kind").GetString() == "PAGE").ToList();

    [Fact]
    public async Task a_killed_server_resumes_the_timeline_without_losing_or_repeating_a_page()
    {
        var server = await StartAsync();
        var client = ApiClient.ForNewAccount(server.Endpoint);
        await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var contact = client.Arn("contact/akuam");
        var email = await ActivatedChannelAsync(server, client, contact, "email", "EMAIL", "akuam@example.com");
        var sms = await ActivatedChannelAsync(server, client, contact, "sms", "SMS", "+15005550199");
        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[
              {"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{email}}}","RetryIntervalInMinutes":1}}]},
              {"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{sms}}}","RetryIntervalInMinutes":1}}]}]}}
            """);
        var engagement = (await client.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
            """)).GetProperty("EngagementArn").GetString();
        var t0 = await VirtualTime.AdvanceAsync(server.Endpoint, TimeSpan.Zero);
        await VirtualTime.AdvanceAsync(server.Endpoint, TimeSpan.FromMinutes(2));
        Assert.Equal(3, (await PageMessagesAsync(server, client)).Count);

        await server.KillAsync();
        await server.DisposeAsync();

        await using var restarted = await StartAsync();
        client = new ApiClient(restarted.Endpoint, client.Account);
        Assert.Equal(t0 + 120, await VirtualTime.NowAsync(restarted.Endpoint));
        await VirtualTime.AdvanceAsync(restarted.Endpoint, TimeSpan.FromMinutes(20));

        // Four email sends (t0..t0+3) and four SMS sends (t0+5..t0+8), each exactly once.
        var messages = await PageMessagesAsync(restarted, client);
        Assert.Equal(4, messages.Count(m => m.GetProperty("ChannelType").GetString() == "EMAIL"));
        Assert.Equal(4, messages.Count(m => m.GetProperty("ChannelType").GetString() == "SMS"));
        var sendTimes = messages.Select(m => m.GetProperty("CreatedAt").GetDecimal() - t0).Order().ToList();
        Assert.Equal([0m, 60m, 120m, 180m, 300m, 360m, 420m, 480m], sendTimes);

        var pages = (await client.OkAsync("ListPagesByEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).GetProperty("Pages");
        Assert.Equal(2, pages.GetArrayLength());
        foreach (var page in pages.EnumerateArray())
        {
            var receipts = (await client.OkAsync("ListPageReceipts", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
                .GetProperty("Receipts").EnumerateArray().ToList();
            Assert.Equal(4, receipts.Count(r => r.GetProperty("ReceiptType").GetString() == "SENT"));
            Assert.DoesNotContain(receipts, r => r.GetProperty("ReceiptType").GetString() == "ERROR");
        }
        var described = await client.OkAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        Assert.Equal(t0 + 600, described.GetProperty("StopTime").GetDecimal());
    }
}
