namespace Callout.EndToEnd.Engagements;

/// docs/spec/domain.md §4.1 AcceptPage and §3.5–3.6: codes, channels, DELIVERED versus READ, and
/// acknowledging after the end.
public sealed class AcceptPageTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Fact]
    public async Task enforce_refuses_a_wrong_code_and_records_nothing()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var code = await p.CodeForAsync(akuam["EMAIL"]);
        var wrong = code == "000000" ? "111111" : "000000";

        foreach (var type in new[] { "READ", "DELIVERED" })
        {
            var refused = await p.AcceptAsync(email, type, wrong, ""","AcceptCodeValidation":"ENFORCE" """);
            Assert.Equal(400, refused.Status);
            Assert.Equal("ValidationException", refused.Type);
        }
        Assert.Equal(["SENT@+0"], await p.ReceiptLinesAsync(email, t0));
        var described = await p.DescribePageAsync(email);
        Assert.Null(Paging.OptionalMs(described, "DeliveryTime"));
        Assert.Null(Paging.OptionalMs(described, "ReadTime"));
        Assert.Null(await p.StopTimeAsync(engagement));

        // The code of another page of the same engagement is wrong for this one too.
        await p.AdvanceToAsync(t0, 5);
        var smsCode = await p.CodeForAsync(akuam["SMS"]);
        if (smsCode != code)
        {
            var other = await p.AcceptAsync(email, "READ", smsCode, ""","AcceptCodeValidation":"ENFORCE" """);
            Assert.Equal("ValidationException", other.Type);
        }

        // The right code is accepted.
        var accepted = await p.AcceptAsync(email, "READ", code, ""","AcceptCodeValidation":"ENFORCE" """);
        Assert.Equal(200, accepted.Status);
        Assert.Equal(t0 + (5 * Paging.Minute), await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task ignore_is_the_default_and_accepts_any_well_formed_code()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var code = await p.CodeForAsync(akuam["EMAIL"]);
        var wrong = code == "0000000000" ? "1111111111" : "0000000000";

        var accepted = await p.AcceptAsync(email, "READ", wrong, ""","Note":"on it" """);
        Assert.Equal(200, accepted.Status);
        // The Note is the receipts' info when given.
        Assert.Equal(["SENT@+0", "DELIVERED@+0:on it", "READ@+0:on it"], await p.ReceiptLinesAsync(email, t0, withInfo: true));
        Assert.Equal(t0, await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task a_contact_channel_id_that_is_not_the_pages_channel_is_refused()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var other = await p.PersonAsync("alejr", "EMAIL");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var code = await p.CodeForAsync(akuam["EMAIL"]);

        foreach (var channel in new[] { akuam["SMS"].Arn, other["EMAIL"].Arn })
        {
            var refused = await p.AcceptAsync(email, "READ", code, $$$""","ContactChannelId":"{{{channel}}}" """);
            Assert.Equal(400, refused.Status);
            Assert.Equal("ValidationException", refused.Type);
        }
        Assert.Equal(["SENT@+0"], await p.ReceiptLinesAsync(email, t0));
        Assert.Null(await p.StopTimeAsync(engagement));

        var accepted = await p.AcceptAsync(email, "READ", code, $$$""","ContactChannelId":"{{{akuam["EMAIL"].Arn}}}" """);
        Assert.Equal(200, accepted.Status);
    }

    [Fact]
    public async Task delivered_only_sets_the_delivery_time_and_the_retries_go_on()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 1);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var code = await p.CodeForAsync(akuam["EMAIL"]);

        var delivered = await p.AcceptAsync(email, "DELIVERED", code, ""","AcceptCodeValidation":"ENFORCE" """);
        Assert.Equal(200, delivered.Status);
        var described = await p.DescribePageAsync(email);
        Assert.Equal(t0 + Paging.Minute, Paging.OptionalMs(described, "DeliveryTime"));
        Assert.Null(Paging.OptionalMs(described, "ReadTime"));

        // A second DELIVERED is a no-op.
        await p.AdvanceToAsync(t0, 2);
        Assert.Equal(200, (await p.AcceptAsync(email, "DELIVERED", code)).Status);
        Assert.Equal(t0 + Paging.Minute, Paging.OptionalMs(await p.DescribePageAsync(email), "DeliveryTime"));

        await p.AdvanceToAsync(t0, 14);
        Assert.Null(await p.StopTimeAsync(engagement));
        await p.AdvanceToAsync(t0, 20);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0), Paging.Sends(akuam["SMS"], 5), Paging.Sends(akuam["VOICE"], 10)),
            await p.TimelineAsync(t0, akuam));
        Assert.Equal(t0 + (15 * Paging.Minute), await p.StopTimeAsync(engagement));
        Assert.Equal(["SENT@+0", "SENT@+1", $"DELIVERED@+1:{code}", "SENT@+2", "SENT@+3"], await p.ReceiptLinesAsync(email, t0, withInfo: true));
        Assert.Equal(t0 + (3 * Paging.Minute), Paging.OptionalMs(await p.DescribePageAsync(email), "SentTime"));
    }

    [Fact]
    public async Task an_unknown_page_is_not_found()
    {
        var p = fixture.NewPaging();
        var missing = await p.AcceptAsync(p.Arn($"page/akuam/{Guid.NewGuid()}"), "READ", "123456");
        Assert.Equal(400, missing.Status);
        Assert.Equal("ResourceNotFoundException", missing.Type);

        foreach (var operation in new[] { "DescribePage", "ListPageReceipts", "ListPageResolutions" })
        {
            var response = await p.Client.CallAsync(operation, $$$"""{"PageId":"{{{p.Arn($"page/akuam/{Guid.NewGuid()}")}}}"}""");
            Assert.Equal("ResourceNotFoundException", response.Type);
        }
    }

    [Fact]
    public async Task a_page_of_another_account_cannot_be_accepted()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, _) = await p.StartAtNowAsync(akuam.Arn);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);

        var stranger = fixture.NewPaging();
        var response = await stranger.AcceptAsync(email, "READ", "123456");
        Assert.NotEqual(200, response.Status);
        Assert.Null(await p.StopTimeAsync(engagement));
        Assert.Null(Paging.OptionalMs(await p.DescribePageAsync(email), "DeliveryTime"));
    }

    [Fact]
    public async Task accepting_after_the_end_is_recorded_and_changes_nothing_else()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 16);
        var end = t0 + (15 * Paging.Minute);
        Assert.Equal(end, await p.StopTimeAsync(engagement));
        var sms = await p.PageOfAsync(engagement, akuam["SMS"]);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var voice = await p.PageOfAsync(engagement, akuam["VOICE"]);
        var code = await p.CodeForAsync(akuam["SMS"]);

        var accepted = await p.AcceptAsync(sms, "READ", code, ""","AcceptCodeValidation":"ENFORCE" """);
        Assert.Equal(200, accepted.Status);

        var at16 = t0 + (16 * Paging.Minute);
        var described = await p.DescribePageAsync(sms);
        Assert.Equal(at16, Paging.OptionalMs(described, "DeliveryTime"));
        Assert.Equal(at16, Paging.OptionalMs(described, "ReadTime"));
        Assert.Equal(["SENT@+5", "SENT@+6", "SENT@+7", "SENT@+8", "DELIVERED@+16", "READ@+16"], await p.ReceiptLinesAsync(sms, t0));
        Assert.Equal(end, await p.StopTimeAsync(engagement));
        Assert.Equal(["SENT@+0", "SENT@+1", "SENT@+2", "SENT@+3"], await p.ReceiptLinesAsync(email, t0));
        Assert.Equal(["SENT@+10", "SENT@+11", "SENT@+12", "SENT@+13"], await p.ReceiptLinesAsync(voice, t0));

        await p.AdvanceToAsync(t0, 30);
        Assert.Equal(Paging.Expected(Paging.Sends(akuam["EMAIL"], 0), Paging.Sends(akuam["SMS"], 5), Paging.Sends(akuam["VOICE"], 10)),
            await p.TimelineAsync(t0, akuam));
        Assert.Equal(end, await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task accepting_after_stop_engagement_is_recorded_and_changes_nothing_else()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        await p.AdvanceToAsync(t0, 1);
        await p.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""");
        await p.AdvanceToAsync(t0, 2);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);

        Assert.Equal(200, (await p.AcceptAsync(email, "READ", "123456")).Status);

        Assert.Equal(["SENT@+0", "SENT@+1", "STOP@+1:ENGAGEMENT_STOPPED", "DELIVERED@+2:123456", "READ@+2:123456"],
            await p.ReceiptLinesAsync(email, t0, withInfo: true));
        Assert.Equal(t0 + Paging.Minute, await p.StopTimeAsync(engagement));
    }
}
