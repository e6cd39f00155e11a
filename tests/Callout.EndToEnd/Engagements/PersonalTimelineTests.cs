namespace Callout.EndToEnd.Engagements;

/// docs/spec/domain.md §3.2–3.6 on the virtual clock: the exact timeline of engaging one person with
/// the akuam plan of the botocore GetContact example (3 stages × 5 min: EMAIL, SMS, VOICE, each
/// retried every minute), and what acknowledging, stopping and editing do to it.
public sealed class PersonalTimelineTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static List<string> AkuamPlan(Person p) =>
        Paging.Expected(Paging.Sends(p["EMAIL"], 0), Paging.Sends(p["SMS"], 5), Paging.Sends(p["VOICE"], 10));

    [Fact]
    public async Task the_akuam_plan_pages_email_sms_then_voice_every_minute_and_ends_fifteen_minutes_after_the_start()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        var plan = AkuamPlan(akuam);

        for (var minute = 0; minute <= 14; minute++)
        {
            if (minute > 0)
            {
                await p.AdvanceToAsync(t0, minute);
            }
            Assert.Equal(Paging.Until(plan, minute), await p.TimelineAsync(t0, akuam));
            Assert.Null(await p.StopTimeAsync(engagement));
        }

        await p.AdvanceToAsync(t0, 15);
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 30);
        Assert.Equal(plan, await p.TimelineAsync(t0, akuam));
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));

        // One page per channel target; its retries reuse it (docs/spec/domain.md §2.6).
        var pages = await p.PagesAsync(engagement);
        Assert.Equal(3, pages.Count);
        var sent = await p.SentAsync();
        foreach (var (channel, stage) in new[] { (akuam["EMAIL"], 0), (akuam["SMS"], 1), (akuam["VOICE"], 2) })
        {
            var first = stage * 5;
            var page = await p.PageOfAsync(engagement, channel);
            Assert.StartsWith(p.Arn("page/akuam/"), page, StringComparison.Ordinal);

            // Four SENT receipts, one per send, in time order, each naming the channel and the
            // outbox message it produced.
            var receipts = await p.ReceiptsAsync(page);
            Assert.Equal([$"SENT@+{first}", $"SENT@+{first + 1}", $"SENT@+{first + 2}", $"SENT@+{first + 3}"], await p.ReceiptLinesAsync(page, t0));
            Assert.All(receipts, r => Assert.Equal(channel.Arn, r.GetProperty("ContactChannelArn").GetString()));
            var outboxIds = sent.Where(s => s.Address == channel.Address).Select(s => "outbox-" + s.Id).Order(StringComparer.Ordinal);
            Assert.Equal(outboxIds, receipts.Select(r => r.GetProperty("ReceiptInfo").GetString()!).Order(StringComparer.Ordinal));

            // Every retry carries the same accept code.
            if (channel.Type != "VOICE")
            {
                var codes = sent.Where(s => s.Address == channel.Address).Select(s => s.Code).Distinct().ToList();
                Assert.NotNull(Assert.Single(codes));
            }

            var described = await p.DescribePageAsync(page);
            Assert.Equal(page, described.GetProperty("PageArn").GetString());
            Assert.Equal(engagement, described.GetProperty("EngagementArn").GetString());
            Assert.Equal(akuam.Arn, described.GetProperty("ContactArn").GetString());
            Assert.Equal(Paging.Sender, described.GetProperty("Sender").GetString());
            Assert.Equal(Paging.Subject, described.GetProperty("Subject").GetString());
            Assert.Equal(Paging.Content, described.GetProperty("Content").GetString());
            Assert.Equal(Paging.PublicSubject, described.GetProperty("PublicSubject").GetString());
            Assert.Equal(Paging.PublicContent, described.GetProperty("PublicContent").GetString());
            Assert.False(described.TryGetProperty("IncidentId", out _));
            // SentTime is the latest send (docs/spec/domain.md §2.6), nothing was delivered or read.
            Assert.Equal(t0 + ((first + 3) * Paging.Minute), Paging.OptionalMs(described, "SentTime"));
            Assert.Null(Paging.OptionalMs(described, "DeliveryTime"));
            Assert.Null(Paging.OptionalMs(described, "ReadTime"));

            var listed = pages.Single(x => x.GetProperty("PageArn").GetString() == page);
            Assert.Equal(t0 + ((first + 3) * Paging.Minute), Paging.OptionalMs(listed, "SentTime"));
            Assert.Equal(engagement, listed.GetProperty("EngagementArn").GetString());
            Assert.Equal(Paging.Sender, listed.GetProperty("Sender").GetString());
            // The list shape Page has no texts.
            Assert.False(listed.TryGetProperty("Subject", out _));
            Assert.False(listed.TryGetProperty("Content", out _));

            var resolutions = (await p.Client.OkAsync("ListPageResolutions", $$$"""{"PageId":"{{{page}}}"}""")).GetProperty("PageResolutions");
            var only = Assert.Single(resolutions.EnumerateArray());
            Assert.Equal(akuam.Arn, only.GetProperty("ContactArn").GetString());
            Assert.Equal("PERSONAL", only.GetProperty("Type").GetString());
            Assert.Equal(stage, only.GetProperty("StageIndex").GetInt32());
        }
    }

    [Fact]
    public async Task secure_texts_go_by_email_and_voice_and_only_the_public_ones_by_sms()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonAsync("akuam", "EMAIL", "SMS");
        await p.SetStagesAsync(akuam.Arn, $$$"""
            {"DurationInMinutes":0,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["EMAIL"].Arn}}}"}},{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["SMS"].Arn}}}"}}]},
            {"DurationInMinutes":1,"Targets":[]}
            """);
        var (_, t0) = await p.StartAtNowAsync(akuam.Arn);
        var sent = await p.SentAsync();
        Assert.Equal(["+00 akuam/EMAIL", "+00 akuam/SMS"], await p.TimelineAsync(t0, akuam));
        var email = sent.Single(s => s.ChannelType == "EMAIL");
        var sms = sent.Single(s => s.ChannelType == "SMS");
        Assert.Contains(Paging.Content, email.Body, StringComparison.Ordinal);
        Assert.Contains(Paging.PublicContent, sms.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Paging.Content, sms.Body.Replace(Paging.PublicContent, "", StringComparison.Ordinal), StringComparison.Ordinal);
        // Two pages, two codes.
        Assert.NotNull(email.Code);
        Assert.NotNull(sms.Code);
    }

    [Fact]
    public async Task a_read_in_the_sms_stage_stops_everything_at_that_minute()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 6);
        var sms = await p.PageOfAsync(engagement, akuam["SMS"]);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var code = await p.CodeForAsync(akuam["SMS"]);

        await p.ReadAsync(sms, akuam["SMS"]);

        // A PERSONAL root ends at the first READ (docs/spec/domain.md §3.5).
        var at6 = t0 + (6 * Paging.Minute);
        Assert.Equal(at6, await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 20);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0), Paging.Sends(akuam["SMS"], 5, 2)), await p.TimelineAsync(t0, akuam));
        Assert.Equal(at6, await p.StopTimeAsync(engagement));

        // READ without a DELIVERED first writes DELIVERED, then READ, both with the code.
        Assert.Equal(["SENT@+5", "SENT@+6", $"DELIVERED@+6:{code}", $"READ@+6:{code}"], await p.ReceiptLinesAsync(sms, t0, withInfo: true));
        var described = await p.DescribePageAsync(sms);
        Assert.Equal(at6, Paging.OptionalMs(described, "DeliveryTime"));
        Assert.Equal(at6, Paging.OptionalMs(described, "ReadTime"));
        Assert.Equal(at6, Paging.OptionalMs(described, "SentTime"));

        // The unread email page is told why it stopped; the voice stage never made a page.
        Assert.Equal(["SENT@+0", "SENT@+1", "SENT@+2", "SENT@+3", "STOP@+6:ACKNOWLEDGED_ELSEWHERE"], await p.ReceiptLinesAsync(email, t0, withInfo: true));
        Assert.Null(Paging.OptionalMs(await p.DescribePageAsync(email), "ReadTime"));
        Assert.Equal(2, (await p.PagesAsync(engagement)).Count);
    }

    [Fact]
    public async Task a_read_repeated_is_a_no_op()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        await p.ReadAsync(email, akuam["EMAIL"]);
        await p.AdvanceToAsync(t0, 1);
        await p.ReadAsync(email, akuam["EMAIL"]);

        Assert.Equal(["SENT@+0", "DELIVERED@+0", "READ@+0"], await p.ReceiptLinesAsync(email, t0));
        Assert.Equal(t0, Paging.OptionalMs(await p.DescribePageAsync(email), "ReadTime"));
        Assert.Equal(t0, await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task stop_engagement_at_two_minutes_ends_the_retries_and_a_second_stop_changes_nothing()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 2);

        await p.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}","Reason":"fixed"}""");

        var at2 = t0 + (2 * Paging.Minute);
        Assert.Equal(at2, await p.StopTimeAsync(engagement));
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        Assert.Equal(["SENT@+0", "SENT@+1", "SENT@+2", "STOP@+2:ENGAGEMENT_STOPPED"], await p.ReceiptLinesAsync(email, t0, withInfo: true));

        await p.AdvanceToAsync(t0, 20);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0, 3)), await p.TimelineAsync(t0, akuam));
        Assert.Single(await p.PagesAsync(engagement));

        // docs/spec/domain.md §3.6: stopping again is a 200 no-op that keeps the first StopTime.
        var again = await p.Client.CallAsync("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        Assert.Equal(200, again.Status);
        Assert.Equal(at2, await p.StopTimeAsync(engagement));
        Assert.Equal(["SENT@+0", "SENT@+1", "SENT@+2", "STOP@+2:ENGAGEMENT_STOPPED"], await p.ReceiptLinesAsync(email, t0, withInfo: true));
        var listed = (await p.Client.OkAsync("ListEngagements", "{}")).GetProperty("Engagements").EnumerateArray().Single();
        Assert.Equal(at2, Paging.OptionalMs(listed, "StopTime"));
    }

    [Fact]
    public async Task a_contact_with_an_empty_plan_cannot_be_engaged()
    {
        var p = fixture.NewPaging();
        var person = await p.PersonAsync("akuam", "EMAIL");
        var escalation = (await p.Client.OkAsync("CreateContact", """{"Alias":"empty_escalation","Type":"ESCALATION","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;

        foreach (var contact in new[] { person.Arn, escalation })
        {
            var refused = await p.Client.CallAsync("StartEngagement", Paging.StartJson(contact));
            Assert.Equal(400, refused.Status);
            Assert.Equal("ValidationException", refused.Type);
        }
        Assert.Empty((await p.Client.OkAsync("ListEngagements", "{}")).GetProperty("Engagements").EnumerateArray());

        var missing = await p.Client.CallAsync("StartEngagement", Paging.StartJson(p.Arn("contact/nobody")));
        Assert.Equal("ResourceNotFoundException", missing.Type);
    }

    [Fact]
    public async Task a_plan_of_only_not_activated_channels_is_accepted_pages_no_one_and_ends_with_the_plan()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam", activate: false);
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);

        await p.AdvanceToAsync(t0, 14);
        Assert.Empty(await p.TimelineAsync(t0, akuam));
        Assert.Empty(await p.PagesAsync(engagement));
        Assert.Empty(await p.PagesOfContactAsync(akuam.Arn));
        Assert.Null(await p.StopTimeAsync(engagement));

        await p.AdvanceToAsync(t0, 15);
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));
        Assert.Empty(await p.TimelineAsync(t0, akuam));
    }

    [Fact]
    public async Task editing_the_plan_after_the_start_does_not_change_the_running_timeline()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 1);

        // Now: voice first, once, then nothing for 30 minutes.
        await p.SetStagesAsync(akuam.Arn, $$$"""
            {"DurationInMinutes":30,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["VOICE"].Arn}}}"}}]}
            """);
        var plan = (await p.Client.OkAsync("GetContact", $$$"""{"ContactId":"{{{akuam.Arn}}}"}""")).GetProperty("Plan").GetProperty("Stages");
        Assert.Equal(1, plan.GetArrayLength());

        await p.AdvanceToAsync(t0, 14);
        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 40);
        Assert.Equal(AkuamPlan(akuam), await p.TimelineAsync(t0, akuam));
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));

        // A new engagement uses the new plan.
        var (second, s0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(s0, 30);
        Assert.Equal(s0 + (30 * Paging.Minute), await p.StopTimeAsync(second));
        var voice = await p.PageOfAsync(second, akuam["VOICE"]);
        Assert.Equal(["SENT@+0"], await p.ReceiptLinesAsync(voice, s0));
    }

    [Fact]
    public async Task deactivating_a_channel_between_retries_stops_its_retries()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 1);

        await p.Client.OkAsync("DeactivateContactChannel", $$$"""{"ContactChannelId":"{{{akuam["EMAIL"].Arn}}}"}""");

        await p.AdvanceToAsync(t0, 20);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0, 2), Paging.Sends(akuam["SMS"], 5), Paging.Sends(akuam["VOICE"], 10)),
            await p.TimelineAsync(t0, akuam));
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        Assert.Equal(2, (await p.ReceiptsAsync(email)).Count(r => r.GetProperty("ReceiptType").GetString() == "SENT"));
        Assert.Equal(t0 + Paging.Minute, Paging.OptionalMs(await p.DescribePageAsync(email), "SentTime"));
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task a_channel_deleted_before_its_stage_is_skipped_without_a_page()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 2);

        await p.Client.OkAsync("DeleteContactChannel", $$$"""{"ContactChannelId":"{{{akuam["SMS"].Arn}}}"}""");

        await p.AdvanceToAsync(t0, 20);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0), Paging.Sends(akuam["VOICE"], 10)), await p.TimelineAsync(t0, akuam));
        Assert.Equal(2, (await p.PagesAsync(engagement)).Count);
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task without_a_retry_interval_each_channel_is_paged_once_and_zero_minute_stages_fire_with_the_next()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonAsync("akuam", "EMAIL", "SMS", "VOICE");
        await p.SetStagesAsync(akuam.Arn, $$$"""
            {"DurationInMinutes":0,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["EMAIL"].Arn}}}","RetryIntervalInMinutes":0}}]},
            {"DurationInMinutes":2,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["SMS"].Arn}}}"}}]},
            {"DurationInMinutes":3,"Targets":[]},
            {"DurationInMinutes":7,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["VOICE"].Arn}}}","RetryIntervalInMinutes":2}}]}
            """);
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);

        await p.AdvanceToAsync(t0, 11);
        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 30);
        // Voice at +5 with R=2: +5, +7, +9, +11; its stage lasts until +12.
        Assert.Equal(Paging.Expected(["+00 akuam/EMAIL", "+00 akuam/SMS", "+05 akuam/VOICE", "+07 akuam/VOICE", "+09 akuam/VOICE", "+11 akuam/VOICE"]),
            await p.TimelineAsync(t0, akuam));
        Assert.Equal(t0 + (12 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    /// When the last retry is due after the last stage is over, the natural end is that retry's
    /// due time (docs/spec/domain.md §3.6: "each last stage's duration has elapsed, and no retries are
    /// pending"), so the Finish step and the last SendPage step fall due at the same instant. The
    /// engine claims both in one batch; were they run side by side (EngagementEngine keeps an end
    /// behind the sends of its claim, EndsAfterSends) and FinishAsync set StopTime first,
    /// SendPageAsync would see a stopped engagement and drop the last retry without a trace (7 of
    /// 20 such engagements lost it in one run).
    [Fact]
    public async Task the_last_retry_due_at_the_natural_end_is_still_sent()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonAsync("akuam", "EMAIL");
        // Sends at +0, +1, +2, +3; the stage is over at +1, the last retry is due at +3.
        await p.SetStagesAsync(akuam.Arn, $$$"""
            {"DurationInMinutes":1,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{akuam["EMAIL"].Arn}}}","RetryIntervalInMinutes":1}}]}
            """);
        var engagements = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            engagements.Add(await p.StartAsync(akuam.Arn));
        }
        var t0 = Paging.Ms((await p.DescribeEngagementAsync(engagements[0])).GetProperty("StartTime"));
        await p.AdvanceToAsync(t0, 10);

        foreach (var engagement in engagements)
        {
            var page = await p.PageOfAsync(engagement, akuam["EMAIL"]);
            Assert.Equal(["SENT@+0", "SENT@+1", "SENT@+2", "SENT@+3"], await p.ReceiptLinesAsync(page, t0));
            Assert.Equal(t0 + (3 * Paging.Minute), await p.StopTimeAsync(engagement));
        }
        Assert.Equal(12 * 4, (await p.SentAsync()).Count);
    }
}
