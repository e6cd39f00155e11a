using System.Text.RegularExpressions;

namespace Callout.EndToEnd.Engagements;

/// docs/security.md, Secrets at rest: an acknowledgement link works only while its engagement
/// runs. Once it has ended (stopped, or run its course) both the page the link shows and the
/// post that acknowledges answer 410 "no longer open" and change nothing.
public sealed partial class EndedLinkTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly HttpClient Http = new();

    static async Task<(string Engagement, long T0, string Page, Uri Link)> EmailPageAsync(Paging p)
    {
        var person = await p.PersonAsync("akuam", "EMAIL");
        await p.SetStagesAsync(person.Arn, Paging.ChannelStages(person));
        var (engagement, t0) = await p.StartAtNowAsync(person.Arn);
        var page = await p.PageOfAsync(engagement, person["EMAIL"]);
        var body = (await p.SentAsync()).Last(s => s.Address == person["EMAIL"].Address).Body;
        var link = Link().Match(body);
        Assert.True(link.Success, "no acknowledgement link in " + body);
        return (engagement, t0, page, new Uri(link.Value));
    }

    static async Task AssertNoLongerOpenAsync(HttpResponseMessage response)
    {
        Assert.Equal(410, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("no longer open", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_link_of_a_stopped_engagement_shows_no_longer_open_and_acknowledges_nothing()
    {
        var p = fixture.NewPaging();
        var (engagement, t0, page, link) = await EmailPageAsync(p);
        using (var open = await Http.GetAsync(link))
        {
            Assert.Equal(200, (int)open.StatusCode);
            Assert.Contains("<form method=\"post\">", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await p.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        var receipts = await p.ReceiptLinesAsync(page, t0);

        using (var shown = await Http.GetAsync(link))
        {
            await AssertNoLongerOpenAsync(shown);
        }
        using (var posted = await Http.PostAsync(link, new FormUrlEncodedContent([])))
        {
            await AssertNoLongerOpenAsync(posted);
        }
        Assert.Null(Paging.OptionalMs(await p.DescribePageAsync(page), "ReadTime"));
        Assert.Null(Paging.OptionalMs(await p.DescribePageAsync(page), "DeliveryTime"));
        Assert.Equal(receipts, await p.ReceiptLinesAsync(page, t0));
    }

    [Fact]
    public async Task the_link_of_an_engagement_that_ran_its_course_shows_no_longer_open_and_acknowledges_nothing()
    {
        var p = fixture.NewPaging();
        var (engagement, t0, page, link) = await EmailPageAsync(p);

        await p.AdvanceAsync(60 * 60);
        Assert.NotNull(await p.StopTimeAsync(engagement));
        var receipts = await p.ReceiptLinesAsync(page, t0);

        using (var shown = await Http.GetAsync(link))
        {
            await AssertNoLongerOpenAsync(shown);
        }
        using (var posted = await Http.PostAsync(link, new FormUrlEncodedContent([])))
        {
            await AssertNoLongerOpenAsync(posted);
        }
        Assert.Null(Paging.OptionalMs(await p.DescribePageAsync(page), "ReadTime"));
        Assert.Equal(receipts, await p.ReceiptLinesAsync(page, t0));
    }

    [Fact]
    public async Task a_link_posted_while_the_engagement_runs_still_acknowledges_and_then_is_no_longer_open()
    {
        var p = fixture.NewPaging();
        var (engagement, _, page, link) = await EmailPageAsync(p);

        using (var posted = await Http.PostAsync(link, new FormUrlEncodedContent([])))
        {
            Assert.Equal(200, (int)posted.StatusCode);
            Assert.Contains("Acknowledged", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.NotNull(Paging.OptionalMs(await p.DescribePageAsync(page), "ReadTime"));
        Assert.NotNull(await p.StopTimeAsync(engagement));

        using var again = await Http.GetAsync(link);
        await AssertNoLongerOpenAsync(again);
    }

    [GeneratedRegex(@"https?://\S+/_callout/ack/[A-Za-z0-9_\-]+")]
    private static partial Regex Link();
}
