using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Durability;

/// Every acknowledged write is in the SQLite file before the response goes out, so it survives a
/// restart and a `kill -9` alike.
public sealed class RestartTests : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "callout-restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    static async Task<(string Channel, string Code)> WriteEverythingAsync(ServerProcess server, ApiClient client)
    {
        await client.OkAsync("CreateContact", """{"Alias":"akuam","DisplayName":"Akua Mansa","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"team","Value":"sre"}]}""");
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{client.Arn("contact/akuam")}}}","Name":"sms","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"}}
            """)).GetProperty("ContactChannelArn").GetString()!;
        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{client.Arn("contact/akuam")}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":1}}]}]}}
            """);
        await client.OkAsync("PutContactPolicy", $$$"""{"ContactArn":"{{{client.Arn("contact/akuam")}}}","Policy":"{\"Statement\":[]}"}""");
        var code = await Outbox.LatestCodeAsync(server.Endpoint, client.Account, "+15005550199");
        return (channel, code!);
    }

    static async Task AssertAllThereAsync(ApiClient client, string channel)
    {
        var contact = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/akuam")}}}"}""");
        Assert.Equal("Akua Mansa", contact.GetProperty("DisplayName").GetString());
        Assert.Equal(channel, contact.GetProperty("Plan").GetProperty("Stages")[0].GetProperty("Targets")[0]
            .GetProperty("ChannelTargetInfo").GetProperty("ContactChannelId").GetString());
        var tags = await client.OkAsync("ListTagsForResource", $$$"""{"ResourceARN":"{{{client.Arn("contact/akuam")}}}"}""");
        Assert.Equal("sre", tags.GetProperty("Tags")[0].GetProperty("Value").GetString());
        var policy = await client.OkAsync("GetContactPolicy", $$$"""{"ContactArn":"{{{client.Arn("contact/akuam")}}}"}""");
        Assert.Equal("{\"Statement\":[]}", policy.GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task data_written_before_a_graceful_restart_is_all_there_after_it()
    {
        var server = await ServerProcess.StartAsync(_dataDir);
        var client = ApiClient.ForNewAccount(server.Endpoint);
        var (channel, code) = await WriteEverythingAsync(server, client);
        await server.StopAsync();
        await server.DisposeAsync();

        await using var restarted = await ServerProcess.StartAsync(_dataDir);
        client = new ApiClient(restarted.Endpoint, client.Account);
        await AssertAllThereAsync(client, channel);
        // The activation code sent before the restart still activates the channel.
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
    }

    [Fact]
    public async Task data_acknowledged_before_a_kill_is_all_there_after_it()
    {
        var server = await ServerProcess.StartAsync(_dataDir);
        var client = ApiClient.ForNewAccount(server.Endpoint);
        var (channel, _) = await WriteEverythingAsync(server, client);
        // A burst of acknowledged writes right before the kill, so the last commits are fresh.
        var writes = Enumerable.Range(0, 50).Select(i =>
            client.OkAsync("CreateContact", $$$"""{"Alias":"burst-{{{i}}}","Type":"PERSONAL","Plan":{"Stages":[]}}"""));
        await Task.WhenAll(writes);
        await server.KillAsync();
        await server.DisposeAsync();

        await using var restarted = await ServerProcess.StartAsync(_dataDir);
        client = new ApiClient(restarted.Endpoint, client.Account);
        await AssertAllThereAsync(client, channel);
        var listed = await client.OkAsync("ListContacts", """{"AliasPrefix":"burst-","MaxResults":100}""");
        Assert.Equal(50, listed.GetProperty("Contacts").GetArrayLength());
    }

    [Fact]
    public async Task pagination_tokens_outlive_a_restart_of_a_file_backed_server()
    {
        var server = await ServerProcess.StartAsync(_dataDir);
        var client = ApiClient.ForNewAccount(server.Endpoint);
        foreach (var alias in new[] { "a", "b", "c" })
        {
            await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        }
        var token = (await client.OkAsync("ListContacts", """{"MaxResults":2}""")).GetProperty("NextToken").GetString();
        await server.StopAsync();
        await server.DisposeAsync();

        await using var restarted = await ServerProcess.StartAsync(_dataDir);
        client = new ApiClient(restarted.Endpoint, client.Account);
        var rest = await client.OkAsync("ListContacts", $$$"""{"MaxResults":2,"NextToken":"{{{token}}}"}""");
        Assert.Equal(["c"], rest.GetProperty("Contacts").EnumerateArray().Select(c => c.GetProperty("Alias").GetString()));
    }
}
