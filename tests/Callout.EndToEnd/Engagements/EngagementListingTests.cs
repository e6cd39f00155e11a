using System.Globalization;
using System.Text.Json;

namespace Callout.EndToEnd.Engagements;

/// docs/spec/domain.md §2.5, §3.7 and §4: idempotent StartEngagement, ListEngagements (newest first,
/// filters, pagination), ListPagesByContact, DescribeEngagement.
public sealed class EngagementListingTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static List<string> Arns(JsonElement result) =>
        result.GetProperty("Engagements").EnumerateArray().Select(e => e.GetProperty("EngagementArn").GetString()!).ToList();

    static string Seconds(long ms) => (ms / 1000m).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_same_idempotency_token_starts_one_engagement()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var token = Guid.NewGuid().ToString();

        var first = await p.StartAsync(akuam.Arn, $$$""","IdempotencyToken":"{{{token}}}" """);
        await p.RunDueAsync();
        var second = await p.StartAsync(akuam.Arn, $$$""","IdempotencyToken":"{{{token}}}" """);
        await p.RunDueAsync();

        Assert.Equal(first, second);
        Assert.Equal([first], Arns(await p.Client.OkAsync("ListEngagements", "{}")));
        var t0 = Paging.Ms((await p.DescribeEngagementAsync(first)).GetProperty("StartTime"));
        Assert.Equal(["+00 akuam/EMAIL"], await p.TimelineAsync(t0, akuam));

        // Without a token, each call is a new engagement.
        var third = await p.StartAsync(akuam.Arn);
        Assert.NotEqual(first, third);
        Assert.Equal(2, Arns(await p.Client.OkAsync("ListEngagements", "{}")).Count);
    }

    [Fact]
    public async Task list_engagements_is_newest_first_and_filters_by_incident_and_start_time()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (e1, t1) = await p.StartAtNowAsync(akuam.Arn, ""","IncidentId":"incident-a" """);
        await p.AdvanceAsync(60);
        var (e2, t2) = await p.StartAtNowAsync(akuam.Arn, ""","IncidentId":"incident-b" """);
        await p.AdvanceAsync(60);
        var (e3, t3) = await p.StartAtNowAsync(akuam.Arn, ""","IncidentId":"incident-a" """);

        var all = await p.Client.OkAsync("ListEngagements", "{}");
        Assert.Equal([e3, e2, e1], Arns(all));
        var newest = all.GetProperty("Engagements")[0];
        Assert.Equal(akuam.Arn, newest.GetProperty("ContactArn").GetString());
        Assert.Equal(Paging.Sender, newest.GetProperty("Sender").GetString());
        Assert.Equal("incident-a", newest.GetProperty("IncidentId").GetString());
        Assert.Equal(t3, Paging.Ms(newest.GetProperty("StartTime")));
        Assert.Null(Paging.OptionalMs(newest, "StopTime"));

        Assert.Equal([e3, e1], Arns(await p.Client.OkAsync("ListEngagements", """{"IncidentId":"incident-a"}""")));
        Assert.Equal([e2], Arns(await p.Client.OkAsync("ListEngagements", """{"IncidentId":"incident-b"}""")));
        Assert.Empty(Arns(await p.Client.OkAsync("ListEngagements", """{"IncidentId":"incident-c"}""")));

        // The range filters StartTime inclusively at both ends.
        Assert.Equal([e3, e2], Arns(await p.Client.OkAsync("ListEngagements",
            $$$"""{"TimeRangeValue":{"StartTime":{{{Seconds(t2)}}},"EndTime":{{{Seconds(t3)}}}}}""")));
        Assert.Equal([e2], Arns(await p.Client.OkAsync("ListEngagements",
            $$$"""{"TimeRangeValue":{"StartTime":{{{Seconds(t2)}}},"EndTime":{{{Seconds(t2)}}}}}""")));
        Assert.Equal([e2, e1], Arns(await p.Client.OkAsync("ListEngagements",
            $$$"""{"TimeRangeValue":{"EndTime":{{{Seconds(t2)}}}}}""")));
        Assert.Equal([e3], Arns(await p.Client.OkAsync("ListEngagements",
            $$$"""{"TimeRangeValue":{"StartTime":{{{Seconds(t2 + 1)}}}}}""")));
        Assert.Equal([e3], Arns(await p.Client.OkAsync("ListEngagements",
            $$$"""{"IncidentId":"incident-a","TimeRangeValue":{"StartTime":{{{Seconds(t2)}}}}}""")));
        Assert.True(t1 < t2);
    }

    [Fact]
    public async Task list_engagements_pages_one_at_a_time_with_max_results_1()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await p.AdvanceAsync(1);
            }
            started.Add(await p.StartAsync(akuam.Arn));
        }
        started.Reverse();

        var seen = new List<string>();
        string? token = null;
        for (var call = 0; call < 10; call++)
        {
            var input = token is null ? """{"MaxResults":1}""" : $$$"""{"MaxResults":1,"NextToken":"{{{token}}}"}""";
            var result = await p.Client.OkAsync("ListEngagements", input);
            var arns = Arns(result);
            Assert.Single(arns);
            seen.AddRange(arns);
            token = result.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (token is null)
            {
                break;
            }
        }
        Assert.Equal(started, seen);
        Assert.Null(token);
    }

    [Fact]
    public async Task list_pages_by_contact_lists_a_persons_pages_and_nothing_for_an_escalation()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var alejr = await p.PersonWithPlanAsync("alejr");
        var escalation = await p.EscalationAsync("example_escalation", (akuam, 5, true), (alejr, 5, false));
        var (direct, d0) = await p.StartAtNowAsync(akuam.Arn);
        var (escalated, _) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(d0, 6);

        var akuamPages = await p.PagesOfContactAsync(akuam.Arn);
        // Two channel stages of each engagement so far.
        Assert.Equal(4, akuamPages.Count);
        Assert.All(akuamPages, page => Assert.Equal(akuam.Arn, page.GetProperty("ContactArn").GetString()));
        Assert.Equal(2, akuamPages.Count(page => page.GetProperty("EngagementArn").GetString() == direct));
        Assert.Equal(2, akuamPages.Count(page => page.GetProperty("EngagementArn").GetString() == escalated));
        var alejrPages = await p.PagesOfContactAsync(alejr.Arn);
        Assert.Equal(escalated, Assert.Single(alejrPages).GetProperty("EngagementArn").GetString());

        Assert.Empty(await p.PagesOfContactAsync(escalation));
        Assert.Equal(3, (await p.PagesAsync(escalated)).Count);
        Assert.Equal(2, (await p.PagesAsync(direct)).Count);

        var missing = await p.Client.CallAsync("ListPagesByContact", $$$"""{"ContactId":"{{{p.Arn("contact/nobody")}}}"}""");
        Assert.Equal("ResourceNotFoundException", missing.Type);
    }

    [Fact]
    public async Task describe_engagement_shows_the_texts_and_an_unknown_engagement_is_not_found()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn, ""","IncidentId":"incident-7" """);

        var described = await p.DescribeEngagementAsync(engagement);
        Assert.Equal(engagement, described.GetProperty("EngagementArn").GetString());
        Assert.Equal(akuam.Arn, described.GetProperty("ContactArn").GetString());
        Assert.Equal(Paging.Sender, described.GetProperty("Sender").GetString());
        Assert.Equal(Paging.Subject, described.GetProperty("Subject").GetString());
        Assert.Equal(Paging.Content, described.GetProperty("Content").GetString());
        Assert.Equal(Paging.PublicSubject, described.GetProperty("PublicSubject").GetString());
        Assert.Equal(Paging.PublicContent, described.GetProperty("PublicContent").GetString());
        Assert.Equal("incident-7", described.GetProperty("IncidentId").GetString());
        Assert.Equal(t0, Paging.Ms(described.GetProperty("StartTime")));
        Assert.False(described.TryGetProperty("StopTime", out _));

        var unknown = p.Arn($"engagement/akuam/{Guid.NewGuid()}");
        foreach (var operation in new[] { "DescribeEngagement", "StopEngagement", "ListPagesByEngagement" })
        {
            var response = await p.Client.CallAsync(operation, $$$"""{"EngagementId":"{{{unknown}}}"}""");
            Assert.Equal(400, response.Status);
            Assert.Equal("ResourceNotFoundException", response.Type);
        }
        // The right id under another alias is not the engagement either.
        var renamed = engagement.Replace("engagement/akuam/", "engagement/alejr/", StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", (await p.Client.CallAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{renamed}}}"}""")).Type);
    }
}
