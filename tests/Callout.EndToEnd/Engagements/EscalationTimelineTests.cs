namespace Callout.EndToEnd.Engagements;

/// docs/spec/domain.md §3.3, §3.5 and the worked timeline §3.8: example_escalation of the botocore
/// examples — S0 akuam (essential, 5 min), S1 alejr (5 min), S2 anasi (0 min) — where each person's
/// plan is EMAIL, SMS, VOICE, 5 minutes each, retried every minute.
public sealed class EscalationTimelineTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    /// Each person's plan from the minute their escalation stage enters it.
    static IEnumerable<string> PersonFrom(Person p, int entry, int stages = 3) =>
        p.Channels.Take(stages).SelectMany((c, k) => Paging.Sends(c, entry + (5 * k)));

    [Fact]
    public async Task each_person_enters_their_plan_at_their_stage_and_the_escalation_ends_at_twenty_five_minutes()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        Assert.StartsWith(p.Arn("engagement/example_escalation/"), engagement, StringComparison.Ordinal);

        var plan = Paging.Expected(PersonFrom(akuam, 0), PersonFrom(alejr, 5), PersonFrom(anasi, 10));
        for (var minute = 0; minute <= 24; minute++)
        {
            if (minute > 0)
            {
                await p.AdvanceToAsync(t0, minute);
            }
            Assert.Equal(Paging.Until(plan, minute), await p.TimelineAsync(t0, akuam, alejr, anasi));
            Assert.Null(await p.StopTimeAsync(engagement));
        }
        // First pages: akuam at t0, alejr at t0+5, anasi at t0+10.
        var sent = await p.TimelineAsync(t0, akuam, alejr, anasi);
        Assert.Equal("+00 akuam/EMAIL", sent.First(l => l.Contains("akuam", StringComparison.Ordinal)));
        Assert.Equal("+05 alejr/EMAIL", sent.First(l => l.Contains("alejr", StringComparison.Ordinal)));
        Assert.Equal("+10 anasi/EMAIL", sent.First(l => l.Contains("anasi", StringComparison.Ordinal)));

        // anasi's last stage starts at +20 and lasts 5 minutes: the natural end is t0+25.
        await p.AdvanceToAsync(t0, 25);
        Assert.Equal(t0 + (25 * Paging.Minute), await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(plan, await p.TimelineAsync(t0, akuam, alejr, anasi));

        // Every nested page carries the root engagement; no child engagements are listed.
        var pages = await p.PagesAsync(engagement);
        Assert.Equal(9, pages.Count);
        Assert.All(pages, page => Assert.Equal(engagement, page.GetProperty("EngagementArn").GetString()));
        foreach (var person in new[] { akuam, alejr, anasi })
        {
            Assert.Equal(3, pages.Count(page => page.GetProperty("ContactArn").GetString() == person.Arn));
            Assert.Equal(3, (await p.PagesOfContactAsync(person.Arn)).Count);
        }
        Assert.Empty(await p.PagesOfContactAsync(escalation));
        var listed = Assert.Single((await p.Client.OkAsync("ListEngagements", "{}")).GetProperty("Engagements").EnumerateArray());
        Assert.Equal(engagement, listed.GetProperty("EngagementArn").GetString());
        Assert.Equal(escalation, listed.GetProperty("ContactArn").GetString());

        // Resolutions, root first: the escalation stage that reached the person, then the
        // person's own channel stage (docs/spec/domain.md §2.8).
        foreach (var (person, escalationStage) in new[] { (akuam, 0), (alejr, 1), (anasi, 2) })
        {
            for (var k = 0; k < 3; k++)
            {
                var page = await p.PageOfAsync(engagement, person.Channels[k]);
                Assert.StartsWith(p.Arn($"page/{person.Alias}/"), page, StringComparison.Ordinal);
                var resolutions = (await p.Client.OkAsync("ListPageResolutions", $$$"""{"PageId":"{{{page}}}"}"""))
                    .GetProperty("PageResolutions").EnumerateArray().ToList();
                Assert.Equal(2, resolutions.Count);
                Assert.Equal(escalation, resolutions[0].GetProperty("ContactArn").GetString());
                Assert.Equal("ESCALATION", resolutions[0].GetProperty("Type").GetString());
                Assert.Equal(escalationStage, resolutions[0].GetProperty("StageIndex").GetInt32());
                Assert.Equal(person.Arn, resolutions[1].GetProperty("ContactArn").GetString());
                Assert.Equal("PERSONAL", resolutions[1].GetProperty("Type").GetString());
                Assert.Equal(k, resolutions[1].GetProperty("StageIndex").GetInt32());

                var first = escalationStage * 5 + (k * 5);
                Assert.Equal([$"SENT@+{first}", $"SENT@+{first + 1}", $"SENT@+{first + 2}", $"SENT@+{first + 3}"], await p.ReceiptLinesAsync(page, t0));
                var described = await p.DescribePageAsync(page);
                Assert.Equal(person.Arn, described.GetProperty("ContactArn").GetString());
                Assert.Equal(engagement, described.GetProperty("EngagementArn").GetString());
                Assert.Equal(Paging.Subject, described.GetProperty("Subject").GetString());
            }
        }
    }

    [Fact]
    public async Task a_read_by_a_non_essential_person_stops_only_that_person()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 7);
        var alejrEmail = await p.PageOfAsync(engagement, alejr["EMAIL"]);

        await p.ReadAsync(alejrEmail, alejr["EMAIL"]);

        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 10);
        // akuam's stage 3 and anasi's first page still go out at +10.
        Assert.Equal(
            Paging.Expected(PersonFrom(akuam, 0), Paging.Sends(alejr["EMAIL"], 5, 3), PersonFrom(anasi, 10)).Where(l => int.Parse(l[1..3], System.Globalization.CultureInfo.InvariantCulture) <= 10),
            await p.TimelineAsync(t0, akuam, alejr, anasi));
        await p.AdvanceToAsync(t0, 24);
        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 0), Paging.Sends(alejr["EMAIL"], 5, 3), PersonFrom(anasi, 10)),
            await p.TimelineAsync(t0, akuam, alejr, anasi));
        Assert.Equal(t0 + (25 * Paging.Minute), await p.StopTimeAsync(engagement));

        // alejr's later stages never made pages; nobody else was told to stop.
        Assert.Single(await p.PagesOfContactAsync(alejr.Arn));
        Assert.Equal(["SENT@+5", "SENT@+6", "SENT@+7", "DELIVERED@+7", "READ@+7"], await p.ReceiptLinesAsync(alejrEmail, t0));
        foreach (var page in (await p.PagesAsync(engagement)).Select(x => x.GetProperty("PageArn").GetString()!))
        {
            Assert.DoesNotContain(await p.ReceiptLinesAsync(page, t0), line => line.StartsWith("STOP", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task a_read_by_the_essential_person_stops_the_whole_escalation()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 7);
        var akuamSms = await p.PageOfAsync(engagement, akuam["SMS"]);

        await p.ReadAsync(akuamSms, akuam["SMS"]);

        var at7 = t0 + (7 * Paging.Minute);
        Assert.Equal(at7, await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0), Paging.Sends(akuam["SMS"], 5, 3), Paging.Sends(alejr["EMAIL"], 5, 3)),
            await p.TimelineAsync(t0, akuam, alejr, anasi));
        Assert.Equal(at7, await p.StopTimeAsync(engagement));

        // alejr's open page, and akuam's own email page, are told why they stopped.
        var alejrEmail = await p.PageOfAsync(engagement, alejr["EMAIL"]);
        Assert.Equal(["SENT@+5", "SENT@+6", "SENT@+7", "STOP@+7:ACKNOWLEDGED_ELSEWHERE"], await p.ReceiptLinesAsync(alejrEmail, t0, withInfo: true));
        var akuamEmail = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        Assert.Equal(["SENT@+0", "SENT@+1", "SENT@+2", "SENT@+3", "STOP@+7:ACKNOWLEDGED_ELSEWHERE"], await p.ReceiptLinesAsync(akuamEmail, t0, withInfo: true));
        Assert.Equal(["SENT@+5", "SENT@+6", "SENT@+7", "DELIVERED@+7", "READ@+7"], await p.ReceiptLinesAsync(akuamSms, t0));
        Assert.Empty(await p.PagesOfContactAsync(anasi.Arn));
        Assert.Equal(3, (await p.PagesAsync(engagement)).Count);
    }

    [Fact]
    public async Task stop_engagement_on_an_escalation_stops_every_open_page()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 6);

        await p.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");

        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0), Paging.Sends(akuam["SMS"], 5, 2), Paging.Sends(alejr["EMAIL"], 5, 2)),
            await p.TimelineAsync(t0, akuam, alejr, anasi));
        Assert.Equal(t0 + (6 * Paging.Minute), await p.StopTimeAsync(engagement));
        foreach (var page in (await p.PagesAsync(engagement)).Select(x => x.GetProperty("PageArn").GetString()!))
        {
            Assert.Equal("STOP@+6:ENGAGEMENT_STOPPED", (await p.ReceiptLinesAsync(page, t0, withInfo: true))[^1]);
        }
    }

    [Fact]
    public async Task editing_the_escalation_plan_after_the_start_does_not_change_the_running_escalation()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 1);

        // The root plan was entered at t0; from now on it would reach only anasi, at once.
        await p.SetStagesAsync(escalation, $$$"""
            {"DurationInMinutes":0,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{anasi.Arn}}}","IsEssential":true}}]},
            {"DurationInMinutes":1,"Targets":[]}
            """);

        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 0), PersonFrom(alejr, 5), PersonFrom(anasi, 10)),
            await p.TimelineAsync(t0, akuam, alejr, anasi));
        Assert.Equal(t0 + (25 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task a_person_deleted_before_their_stage_is_no_longer_reachable_and_is_skipped()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 2);

        await p.Client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{alejr.Arn}}}"}""");

        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 0), PersonFrom(anasi, 10)), await p.TimelineAsync(t0, akuam, alejr, anasi));
        Assert.Equal(6, (await p.PagesAsync(engagement)).Count);
    }

    [Fact]
    public async Task the_same_person_in_two_stages_is_paged_for_each_occurrence()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var escalation = await p.EscalationAsync("twice", (akuam, 5, false), (akuam, 5, false));
        var (engagement, t0) = await p.StartAtNowAsync(escalation);

        await p.AdvanceToAsync(t0, 19);
        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 0), PersonFrom(akuam, 5)), await p.TimelineAsync(t0, akuam));
        Assert.Equal(t0 + (20 * Paging.Minute), await p.StopTimeAsync(engagement));
        var pages = await p.PagesAsync(engagement);
        Assert.Equal(6, pages.Count);
        // The second occurrence's pages resolve through the second escalation stage.
        var stages = new List<int>();
        foreach (var page in pages)
        {
            var path = (await p.Client.OkAsync("ListPageResolutions", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
                .GetProperty("PageResolutions");
            stages.Add(path[0].GetProperty("StageIndex").GetInt32());
        }
        Assert.Equal([0, 0, 0, 1, 1, 1], stages.Order());
    }

    [Fact]
    public async Task a_person_who_acknowledged_is_not_paged_again_when_reached_a_second_time()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var escalation = await p.EscalationAsync("twice", (akuam, 5, false), (akuam, 5, false));
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 2);

        await p.ReadAsync(await p.PageOfAsync(engagement, akuam["EMAIL"]), akuam["EMAIL"]);

        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0, 3)), await p.TimelineAsync(t0, akuam));
        Assert.Single(await p.PagesAsync(engagement));
        Assert.Equal(t0 + (20 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task the_escalations_own_last_stage_can_outlast_every_person_and_sets_the_end()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var escalation = await p.EscalationAsync("long_wait", (akuam, 30, true));
        var (engagement, t0) = await p.StartAtNowAsync(escalation);

        await p.AdvanceToAsync(t0, 29);
        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 30);
        Assert.Equal(t0 + (30 * Paging.Minute), await p.StopTimeAsync(engagement));
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 0)), await p.TimelineAsync(t0, akuam));
    }

    [Fact]
    public async Task a_reached_person_with_no_activated_channel_is_skipped_silently()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var alejr = await p.PersonWithPlanAsync("alejr", activate: false);
        var escalation = await p.EscalationAsync("esc", (alejr, 5, true), (akuam, 5, false));
        var (engagement, t0) = await p.StartAtNowAsync(escalation);

        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 5)), await p.TimelineAsync(t0, akuam, alejr));
        Assert.Empty(await p.PagesOfContactAsync(alejr.Arn));
        Assert.Equal(3, (await p.PagesAsync(engagement)).Count);
        Assert.Equal(t0 + (20 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    /// The issue that brought the engine decides what docs/spec/domain.md §8.15 leaves open: "the plan in
    /// force is snapshotted when the engagement starts". alejr is reached at t0+5, but an edit to his
    /// plan at t0+1 does not change what he is sent.
    [Fact]
    public async Task a_reached_persons_plan_is_the_one_in_force_when_the_engagement_started()
    {
        var p = fixture.NewPaging();
        var (escalation, akuam, alejr, anasi) = await p.ExampleEscalationAsync();
        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 1);

        await p.SetStagesAsync(alejr.Arn, $$$"""
            {"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{alejr["VOICE"].Arn}}}"}}]}
            """);

        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(Paging.Expected(PersonFrom(akuam, 0), PersonFrom(alejr, 5), PersonFrom(anasi, 10)),
            await p.TimelineAsync(t0, akuam, alejr, anasi));
        Assert.Equal(t0 + (25 * Paging.Minute), await p.StopTimeAsync(engagement));
    }
}
