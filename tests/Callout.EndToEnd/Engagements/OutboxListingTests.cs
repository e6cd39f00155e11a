using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Engagements;

/// GET /_callout/outbox over the socket: what each message names, and ?limit= (docs/delivery.md).
public sealed class OutboxListingTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly HttpClient Http = new();

    [Fact]
    public async Task an_activation_code_names_its_contact_and_channel_and_a_page_also_its_page_and_engagement()
    {
        var p = fixture.NewPaging();
        var jane = await p.PersonAsync("jane", "EMAIL");
        var email = jane["EMAIL"];

        var activation = Assert.Single(await Outbox.MessagesAsync(p.Endpoint, p.Client.Account));
        Assert.Equal("ACTIVATION", activation.GetProperty("Kind").GetString());
        Assert.Equal(jane.Arn, activation.GetProperty("ContactArn").GetString());
        Assert.Equal(email.Arn, activation.GetProperty("ContactChannelArn").GetString());
        Assert.False(activation.TryGetProperty("PageArn", out _));
        Assert.False(activation.TryGetProperty("EngagementArn", out _));

        // Paged through an escalation plan, so the engagement's contact is not the one paged.
        await p.SetStagesAsync(jane.Arn, Paging.ChannelStages(jane));
        var oncall = await p.EscalationAsync("oncall", (jane, 5, true));
        var (engagement, _) = await p.StartAtNowAsync(oncall);

        var page = (await Outbox.MessagesAsync(p.Endpoint, p.Client.Account)).Single(m => m.GetProperty("Kind").GetString() == "PAGE");
        Assert.Equal(jane.Arn, page.GetProperty("ContactArn").GetString());
        Assert.Equal(email.Arn, page.GetProperty("ContactChannelArn").GetString());
        Assert.Equal(await p.PageOfAsync(engagement, email), page.GetProperty("PageArn").GetString());
        Assert.StartsWith(p.Arn("engagement/oncall/"), engagement, StringComparison.Ordinal);
        Assert.Equal(engagement, page.GetProperty("EngagementArn").GetString());
    }

    [Fact]
    public async Task limit_lists_the_newest_messages_and_a_limit_that_is_not_a_number_is_refused()
    {
        var p = fixture.NewPaging();
        await p.PersonAsync("sam", "EMAIL", "SMS", "VOICE");
        var all = await IdsAsync("?limit=1000");
        Assert.True(all.Count >= 3);

        Assert.Equal(all.Take(2), await IdsAsync("?limit=2"));
        Assert.Equal(all.Take(1), await IdsAsync("?limit=0"));
        Assert.Equal(all.Take(1), await IdsAsync("?limit=-5"));
        Assert.Equal(all, await IdsAsync("?limit=100000"));
        Assert.Equal(all.Take(100), await IdsAsync(""));

        foreach (var bad in (string[])["abc", "", "2.5", "99999999999"])
        {
            using var response = await Http.GetAsync(new Uri(p.Endpoint, "_callout/outbox?limit=" + bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("limit", error.GetProperty("Message").GetString(), StringComparison.Ordinal);
        }
    }

    async Task<List<string>> IdsAsync(string query)
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>(new Uri(fixture.Endpoint, "_callout/outbox" + query));
        return doc.GetProperty("Messages").EnumerateArray().Select(m => m.GetProperty("Id").GetString()!).ToList();
    }
}
