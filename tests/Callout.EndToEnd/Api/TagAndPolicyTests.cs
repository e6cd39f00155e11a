using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// docs/spec/domain.md §2.9 and §2.10.
public sealed class TagAndPolicyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static async Task<string> ContactAsync(ApiClient client, string alias)
    {
        await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        return client.Arn("contact/" + alias);
    }

    static async Task<Dictionary<string, string>> TagsAsync(ApiClient client, string arn) =>
        (await client.OkAsync("ListTagsForResource", $$$"""{"ResourceARN":"{{{arn}}}"}"""))
            .GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);

    [Fact]
    public async Task tags_are_added_overwritten_and_removed()
    {
        var client = fixture.NewClient();
        var arn = await ContactAsync(client, "akuam");
        await client.OkAsync("TagResource", $$$"""{"ResourceARN":"{{{arn}}}","Tags":[{"Key":"group1","Value":"1"},{"Key":"team","Value":"sre"}]}""");
        await client.OkAsync("TagResource", $$$"""{"ResourceARN":"{{{arn}}}","Tags":[{"Key":"team","Value":"platform"}]}""");
        Assert.Equal(new Dictionary<string, string> { ["group1"] = "1", ["team"] = "platform" }, await TagsAsync(client, arn));

        await client.OkAsync("UntagResource", $$$"""{"ResourceARN":"{{{arn}}}","TagKeys":["group1","absent"]}""");
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform" }, await TagsAsync(client, arn));
    }

    [Fact]
    public async Task tags_given_at_creation_are_listed()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"t","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"k","Value":"v"}]}""");
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v" }, await TagsAsync(client, client.Arn("contact/t")));
    }

    [Fact]
    public async Task more_than_fifty_tags_on_a_resource_exceed_the_quota()
    {
        var client = fixture.NewClient();
        var arn = await ContactAsync(client, "many");
        var first = string.Join(",", Enumerable.Range(0, 30).Select(i => $$$"""{"Key":"a{{{i}}}","Value":"v"}"""));
        var second = string.Join(",", Enumerable.Range(0, 21).Select(i => $$$"""{"Key":"b{{{i}}}","Value":"v"}"""));
        await client.OkAsync("TagResource", $$$"""{"ResourceARN":"{{{arn}}}","Tags":[{{{first}}}]}""");
        var response = await client.CallAsync("TagResource", $$$"""{"ResourceARN":"{{{arn}}}","Tags":[{{{second}}}]}""");
        Assert.Equal("ServiceQuotaExceededException", response.Type);
        Assert.Equal(30, (await TagsAsync(client, arn)).Count);
    }

    [Fact]
    public async Task only_contacts_and_rotations_take_tags()
    {
        var client = fixture.NewClient();
        var contact = await ContactAsync(client, "p");
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"c","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"},"DeferActivation":true}
            """)).GetProperty("ContactChannelArn").GetString();
        var response = await client.CallAsync("TagResource", $$$"""{"ResourceARN":"{{{channel}}}","Tags":[{"Key":"k","Value":"v"}]}""");
        Assert.Equal("ValidationException", response.Type);
        var notArn = await client.CallAsync("ListTagsForResource", """{"ResourceARN":"arn:aws:s3:::bucket"}""");
        Assert.Equal("ValidationException", notArn.Type);
    }

    [Fact]
    public async Task tagging_a_missing_contact_is_a_missing_resource()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("TagResource", $$$"""{"ResourceARN":"{{{client.Arn("contact/ghost")}}}","Tags":[{"Key":"k","Value":"v"}]}""");
        Assert.Equal("ResourceNotFoundException", response.Type);
    }

    [Fact]
    public async Task a_policy_comes_back_exactly_as_it_was_put()
    {
        var client = fixture.NewClient();
        var arn = await ContactAsync(client, "akuam");
        var empty = await client.OkAsync("GetContactPolicy", $$$"""{"ContactArn":"{{{arn}}}"}""");
        Assert.Equal(arn, empty.GetProperty("ContactArn").GetString());
        Assert.False(empty.TryGetProperty("Policy", out _));

        var policy = """{"Version":"2012-10-17","Statement":[{"Sid":"ExampleResourcePolicy","Action":["ssm-contacts:GetContact","ssm-contacts:StartEngagement"],"Principal":{"AWS":"222233334444"},"Effect":"Allow","Resource":["arn:aws:ssm-contacts:*:111122223333:contact/akuam"]}]}""";
        var escaped = System.Text.Json.JsonSerializer.Serialize(policy);
        await client.OkAsync("PutContactPolicy", $$$"""{"ContactArn":"{{{arn}}}","Policy":{{{escaped}}}}""");
        var got = await client.OkAsync("GetContactPolicy", $$$"""{"ContactArn":"{{{arn}}}"}""");
        Assert.Equal(policy, got.GetProperty("Policy").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"Version\":\"2012-10-17\"}")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\"}]}")]
    public async Task a_policy_that_is_not_an_allow_only_document_is_rejected(string policy)
    {
        var client = fixture.NewClient();
        var arn = await ContactAsync(client, "p");
        var escaped = System.Text.Json.JsonSerializer.Serialize(policy);
        var response = await client.CallAsync("PutContactPolicy", $$$"""{"ContactArn":"{{{arn}}}","Policy":{{{escaped}}}}""");
        Assert.Equal("ValidationException", response.Type);
    }
}
