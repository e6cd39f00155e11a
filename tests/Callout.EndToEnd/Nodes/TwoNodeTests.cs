using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Nodes;

/// Two Callout processes on one PostgreSQL database: any node answers any call, the engine's work
/// goes on when a node dies, and every page is sent exactly once. Runs on the real clock, so it
/// takes about two minutes.
public sealed class TwoNodeTests
{
    [Fact]
    public async Task a_node_killed_mid_engagement_leaves_the_rest_of_the_timeline_to_the_other_node()
    {
        await using var database = await Postgres.CreateSchemaAsync();
        var store = new[] { "--store", database.ConnectionString };
        var nodeA = await ServerProcess.StartAsync(extraArgs: store);
        await using var nodeB = await ServerProcess.StartAsync(extraArgs: store);
        var a = ApiClient.ForNewAccount(nodeA.Endpoint);
        var b = new ApiClient(nodeB.Endpoint, a.Account);

        // Set up through A, read back through B: both see every committed write.
        await a.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var contact = a.Arn("contact/akuam");
        var first = await ChannelAsync(a, nodeA, contact, "first", "+15005550101");
        var second = await ChannelAsync(a, nodeA, contact, "second", "+15005550102");
        await b.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[
              {"DurationInMinutes":1,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{first}}}"}}]},
              {"DurationInMinutes":1,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{second}}}"}}]}]}}
            """);

        var engagement = (await a.OkAsync("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"cli","Subject":"db down","Content":"The primary is down"}
            """)).GetProperty("EngagementArn").GetString();
        await WaitForAsync(async () => (await PagesAsync(nodeB, b)).Count == 1, TimeSpan.FromSeconds(30));
        await nodeA.KillAsync();
        await nodeA.DisposeAsync();

        // B sends the second stage's page a minute after the start and ends the engagement a minute later.
        await WaitForAsync(async () => (await b.OkAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""")).TryGetProperty("StopTime", out _),
            TimeSpan.FromMinutes(3));
        var pages = await PagesAsync(nodeB, b);
        Assert.Equal(["+15005550101", "+15005550102"], pages.Select(m => m.GetProperty("Address").GetString()).Order());
        var described = await b.OkAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        var start = described.GetProperty("StartTime").GetDecimal();
        Assert.Equal(start + 120, described.GetProperty("StopTime").GetDecimal());
        var secondSend = pages.Single(m => m.GetProperty("Address").GetString() == "+15005550102").GetProperty("CreatedAt").GetDecimal();
        Assert.InRange(secondSend - start, 60m, 70m);
    }

    static async Task<string> ChannelAsync(ApiClient client, ServerProcess server, string contact, string name, string number)
    {
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"{{{name}}}","Type":"SMS","DeliveryAddress":{"SimpleAddress":"{{{number}}}"}}
            """)).GetProperty("ContactChannelArn").GetString()!;
        var code = await Outbox.LatestCodeAsync(server.Endpoint, client.Account, number);
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        return channel;
    }

    /// Page messages in the shared outbox: the local outbox is in the database, so either node lists all.
    static async Task<List<JsonElement>> PagesAsync(ServerProcess server, ApiClient client) =>
        (await Outbox.MessagesAsync(server.Endpoint, client.Account)).Where(m => m.GetProperty("Kind").GetString() == "PAGE").ToList();

    static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {limit}");
            await Task.Delay(250);
        }
    }
}
