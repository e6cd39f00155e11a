using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Auth;

/// `--auth off` verifies nothing, but the region of the credential scope still names where data is
/// kept: one the server does not serve is refused, not made into a fresh scope (docs/decisions.md).
public sealed class OffModeRegionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    const string Contact = """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}""";

    [Theory]
    [InlineData("zz-evil-9")]
    [InlineData("us-east-1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("cn-north-1")]
    public async Task an_unserved_region_in_the_scope_is_refused(string region)
    {
        var client = fixture.NewClient(region);

        var response = await client.CallAsync("CreateContact", Contact);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidSignatureException", response.Type);
        Assert.StartsWith("Credential should be scoped to a valid region, not '", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_commercial_regions_are_served_by_default()
    {
        foreach (var region in new[] { "us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1" })
        {
            await fixture.NewClient(region).OkAsync("CreateContact", Contact);
        }
    }
}
