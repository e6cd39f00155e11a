using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// On the virtual clock time stands still between calls, so every channel below is made in the
/// same millisecond: their ids alone would list them in no particular order.
public sealed class ChannelOrderTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Fact]
    public async Task channels_made_in_one_millisecond_are_listed_in_the_order_they_were_made()
    {
        var client = ApiClient.ForNewAccount(fixture.Endpoint);
        var contact = (await client.OkAsync("CreateContact", """{"Alias":"akuam","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var created = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var channel = await client.OkAsync("CreateContactChannel", $$$"""
                {"ContactId":"{{{contact}}}","Name":"c{{{i}}}","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"c{{{i}}}@example.com"},"DeferActivation":true}
                """);
            created.Add(channel.GetProperty("ContactChannelArn").GetString()!);
        }

        var listed = await ChannelListing.AllAsync(client, contact, pageSize: 3);

        Assert.Equal(created, listed);
    }
}
