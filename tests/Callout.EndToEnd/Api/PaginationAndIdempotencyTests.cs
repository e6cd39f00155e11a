using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// docs/spec/protocol.md §6 and §7.
public sealed class PaginationAndIdempotencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static async Task CreateAsync(ApiClient client, params string[] aliases)
    {
        foreach (var alias in aliases)
        {
            await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        }
    }

    [Fact]
    public async Task pages_follow_each_other_and_the_last_has_no_token()
    {
        var client = fixture.NewClient();
        await CreateAsync(client, "a", "b", "c", "d", "e");
        var first = await client.OkAsync("ListContacts", """{"MaxResults":2}""");
        Assert.Equal(2, first.GetProperty("Contacts").GetArrayLength());
        var token = first.GetProperty("NextToken").GetString();
        Assert.Matches(@"^[\\\/a-zA-Z0-9_+=\-]*$", token);

        var second = await client.OkAsync("ListContacts", $$$"""{"MaxResults":2,"NextToken":"{{{token}}}"}""");
        var third = await client.OkAsync("ListContacts", $$$"""{"MaxResults":2,"NextToken":"{{{second.GetProperty("NextToken").GetString()}}}"}""");
        Assert.Equal(["e"], third.GetProperty("Contacts").EnumerateArray().Select(c => c.GetProperty("Alias").GetString()));
        Assert.False(third.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task an_exactly_full_last_page_has_no_token()
    {
        var client = fixture.NewClient();
        await CreateAsync(client, "a", "b");
        var page = await client.OkAsync("ListContacts", """{"MaxResults":2}""");
        Assert.False(page.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task a_forged_token_is_rejected()
    {
        var client = fixture.NewClient();
        await CreateAsync(client, "a", "b", "c");
        var token = (await client.OkAsync("ListContacts", """{"MaxResults":1}""")).GetProperty("NextToken").GetString()!;
        var flipped = (token[5] == 'A' ? 'B' : 'A');
        var forged = token[..5] + flipped + token[6..];
        foreach (var bad in new[] { forged, "garbage", "AAAA" })
        {
            var response = await client.CallAsync("ListContacts", $$$"""{"MaxResults":1,"NextToken":"{{{bad}}}"}""");
            Assert.Equal("ValidationException", response.Type);
        }
    }

    [Fact]
    public async Task a_token_only_works_for_the_request_it_came_from()
    {
        var client = fixture.NewClient();
        await CreateAsync(client, "a", "ab", "b");
        var token = (await client.OkAsync("ListContacts", """{"MaxResults":1,"AliasPrefix":"a"}""")).GetProperty("NextToken").GetString();
        var otherFilter = await client.CallAsync("ListContacts", $$$"""{"MaxResults":1,"AliasPrefix":"b","NextToken":"{{{token}}}"}""");
        Assert.Equal("ValidationException", otherFilter.Type);
        var otherOperation = await client.CallAsync("ListContactChannels", $$$"""{"ContactId":"{{{client.Arn("contact/a")}}}","NextToken":"{{{token}}}"}""");
        Assert.Equal("ValidationException", otherOperation.Type);
    }

    [Fact]
    public async Task a_token_from_another_server_is_rejected()
    {
        var client = fixture.NewClient();
        await CreateAsync(client, "a", "b");
        var token = (await client.OkAsync("ListContacts", """{"MaxResults":1}""")).GetProperty("NextToken").GetString();
        await using var other = await ServerProcess.StartAsync();
        var elsewhere = new ApiClient(other.Endpoint, client.Account);
        await CreateAsync(elsewhere, "a", "b");
        var response = await elsewhere.CallAsync("ListContacts", $$$"""{"MaxResults":1,"NextToken":"{{{token}}}"}""");
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task a_retry_with_the_same_token_returns_the_first_result()
    {
        var client = fixture.NewClient();
        const string body = """{"Alias":"once","Type":"PERSONAL","Plan":{"Stages":[]},"IdempotencyToken":"token-1"}""";
        var first = await client.OkAsync("CreateContact", body);
        var retry = await client.OkAsync("CreateContact", body);
        Assert.Equal(first.GetProperty("ContactArn").GetString(), retry.GetProperty("ContactArn").GetString());
        var listed = await client.OkAsync("ListContacts", "{}");
        Assert.Equal(1, listed.GetProperty("Contacts").GetArrayLength());
    }

    [Fact]
    public async Task the_same_token_on_a_different_request_is_a_conflict()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"one","Type":"PERSONAL","Plan":{"Stages":[]},"IdempotencyToken":"shared"}""");
        var response = await client.CallAsync("CreateContact", """{"Alias":"two","Type":"PERSONAL","Plan":{"Stages":[]},"IdempotencyToken":"shared"}""");
        Assert.Equal("ConflictException", response.Type);
    }

    [Fact]
    public async Task a_channel_create_retried_with_its_token_makes_one_channel()
    {
        var client = fixture.NewClient();
        await CreateAsync(client, "p");
        var body = $$$"""{"ContactId":"{{{client.Arn("contact/p")}}}","Name":"c","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"},"IdempotencyToken":"abc"}""";
        var first = await client.OkAsync("CreateContactChannel", body);
        var retry = await client.OkAsync("CreateContactChannel", body);
        Assert.Equal(first.GetProperty("ContactChannelArn").GetString(), retry.GetProperty("ContactChannelArn").GetString());
        Assert.Single(await Outbox.MessagesAsync(fixture.Server.Endpoint, client.Account));
    }
}
