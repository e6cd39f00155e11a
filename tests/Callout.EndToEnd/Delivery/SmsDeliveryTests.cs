using System.Text.RegularExpressions;

namespace Callout.EndToEnd.Delivery;

/// Pages by SMS through Twilio's API (played by the sink), acknowledged by a reply carrying the
/// page's code, and Twilio's status callbacks (docs/spec/domain.md §2.7, §5).
public sealed partial class SmsDeliveryTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    async Task<(PagingFlow Flow, string Page, Testing.ProviderRequest Sent)> PagedAsync(string number)
    {
        var flow = new PagingFlow(fixture);
        await flow.PersonWithChannelAsync("SMS", number);
        var page = await flow.PageAsync();
        var sent = Assert.Single(fixture.Sink.Messages, m => m["To"] == number && m.Header("I-Twilio-Idempotency-Token")!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal));
        return (flow, page, sent);
    }

    [Fact]
    public async Task the_message_goes_to_twilio_and_a_reply_with_its_code_acknowledges_the_page()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, sent) = await PagedAsync(number);
        Assert.True(sent.Authentic);
        Assert.Equal(ProviderFixture.TwilioFrom, sent["From"]);
        Assert.Contains(PagingFlow.PublicSubject, sent["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain(PagingFlow.Content, sent["Body"], StringComparison.Ordinal);
        Assert.StartsWith(fixture.PublicUrl + "_callout/twilio/status", sent["StatusCallback"], StringComparison.Ordinal);
        Assert.Equal([("SENT", sent.Sid)], await flow.ReceiptsAsync(page));
        var code = Code().Match(sent["Body"]!).Value;

        var reply = await fixture.Sink.SendInboundSmsAsync(fixture.PublicUrl, number, ProviderFixture.TwilioFrom, code);
        Assert.Equal(200, reply.Status);
        Assert.Contains("<Message>", reply.Body, StringComparison.Ordinal);
        Assert.Contains("acknowledged", reply.Body, StringComparison.Ordinal);

        Assert.True(await flow.HasAsync(page, "ReadTime"));
        Assert.Contains(("READ", code), await flow.ReceiptsAsync(page));
        Assert.True(await flow.EngagementStoppedAsync());
        // The reply is recorded as the channel's own doing, in the transaction of its change.
        Assert.Equal([$"Inbound.SmsReply Success {page} {flow.Channel}"], await flow.AuditAsync("Inbound.SmsReply"));
    }

    [Fact]
    public async Task a_reply_with_a_forged_signature_is_refused_and_acknowledges_nothing()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, sent) = await PagedAsync(number);
        var code = Code().Match(sent["Body"]!).Value;

        var forged = await fixture.Sink.SendInboundSmsAsync(fixture.PublicUrl, number, ProviderFixture.TwilioFrom, code, forge: true);
        Assert.Equal(403, forged.Status);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
        Assert.Equal(["SENT"], await flow.ReceiptTypesAsync(page));

        // A wrong code is answered but acknowledges nothing either.
        var wrong = await fixture.Sink.SendInboundSmsAsync(fixture.PublicUrl, number, ProviderFixture.TwilioFrom, code == "000000" ? "111111" : "000000");
        Assert.Equal(200, wrong.Status);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }

    [Fact]
    public async Task ack_alone_acknowledges_the_newest_open_page_of_the_number()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, _) = await PagedAsync(number);

        var reply = await fixture.Sink.SendInboundSmsAsync(fixture.PublicUrl, number, ProviderFixture.TwilioFrom, " ack ");
        Assert.Equal(200, reply.Status);
        Assert.True(await flow.HasAsync(page, "ReadTime"));
        Assert.True(await flow.EngagementStoppedAsync());
    }

    [Fact]
    public async Task a_delivered_status_callback_records_delivered_and_a_failed_one_an_error()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, sent) = await PagedAsync(number);

        var delivered = await fixture.Sink.SendStatusAsync(sent, "delivered");
        Assert.Equal(204, delivered.Status);
        Assert.True(await flow.HasAsync(page, "DeliveryTime"));
        Assert.False(await flow.HasAsync(page, "ReadTime"));
        Assert.Contains(("DELIVERED", "DELIVERED"), await flow.ReceiptsAsync(page));

        var failed = await fixture.Sink.SendStatusAsync(sent, "undelivered", errorCode: "30003");
        Assert.Equal(204, failed.Status);
        Assert.Contains(("ERROR", "UNDELIVERED 30003"), await flow.ReceiptsAsync(page));
        Assert.False(await flow.EngagementStoppedAsync());
        Assert.Equal(2, (await flow.AuditAsync("Inbound.TwilioStatus")).Count(e => e.StartsWith($"Inbound.TwilioStatus Success {page} ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task stop_deactivates_the_number_and_stops_its_open_pages()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, _) = await PagedAsync(number);

        var reply = await fixture.Sink.SendInboundSmsAsync(fixture.PublicUrl, number, ProviderFixture.TwilioFrom, "STOP");
        Assert.Equal(200, reply.Status);
        Assert.Contains(("STOP", "OPT_OUT"), await flow.ReceiptsAsync(page));
        var channel = await flow.Client.OkAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{flow.Channel}}}"}""");
        Assert.Equal("NOT_ACTIVATED", channel.GetProperty("ActivationStatus").GetString());
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{6}(?![0-9])")]
    private static partial Regex Code();
}
