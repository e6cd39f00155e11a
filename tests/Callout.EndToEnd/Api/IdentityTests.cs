using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// docs/spec/protocol.md §5: the caller's account and region scope everything.
public sealed class IdentityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    const string Contact = """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""";

    [Fact]
    public async Task accounts_and_regions_never_see_each_others_contacts()
    {
        var east = fixture.NewClient("us-east-2");
        var west = new ApiClient(fixture.Server.Endpoint, east.Account, "us-west-2");
        var otherAccount = fixture.NewClient("us-east-2");

        Assert.Equal("arn:aws:ssm-contacts:us-east-2:" + east.Account + ":contact/akuam",
            (await east.OkAsync("CreateContact", Contact)).GetProperty("ContactArn").GetString());
        await west.OkAsync("CreateContact", Contact);
        await otherAccount.OkAsync("CreateContact", Contact);

        Assert.Equal(1, (await east.OkAsync("ListContacts", "{}")).GetProperty("Contacts").GetArrayLength());
        var foreign = await otherAccount.CallAsync("GetContact", $$$"""{"ContactId":"{{{east.Arn("contact/akuam")}}}"}""");
        Assert.Equal("ResourceNotFoundException", foreign.Type);
        var otherRegion = await west.CallAsync("DeleteContact", $$$"""{"ContactId":"{{{east.Arn("contact/akuam")}}}"}""");
        Assert.Equal("ResourceNotFoundException", otherRegion.Type);
        await east.OkAsync("GetContact", $$$"""{"ContactId":"{{{east.Arn("contact/akuam")}}}"}""");
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public async Task arns_carry_the_partition_of_the_region(string region, string partition)
    {
        // Only the commercial regions are served unless --regions names others.
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--regions", "aws,aws-cn,aws-us-gov"]);
        var client = ApiClient.ForNewAccount(server.Endpoint, region);
        var arn = (await client.OkAsync("CreateContact", Contact)).GetProperty("ContactArn").GetString();
        Assert.Equal($"arn:{partition}:ssm-contacts:{region}:{client.Account}:contact/akuam", arn);
        await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{arn}}}"}""");
    }

    [Fact]
    public async Task an_unsigned_request_uses_the_default_account_and_region()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.Endpoint)
        {
            Content = new StringContent("""{"Alias":"anon","Type":"PERSONAL","Plan":{"Stages":[]}}"""),
        };
        request.Headers.Add("X-Amz-Target", "SSMContacts.CreateContact");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("arn:aws:ssm-contacts:us-east-1:000000000000:contact/anon", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_contact_channel_arn_is_not_a_contact_id()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact-channel/a/0b9b7d9e-1c2f-4a4c-9d4e-1f2a3b4c5d6e")}}}"}""");
        Assert.Equal("ValidationException", response.Type);
    }
}
