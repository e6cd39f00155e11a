using System.Xml.Linq;

namespace Callout.EndToEnd.Delivery;

/// Pages by phone call through Twilio: the call fetches its script from Callout, which reads the
/// page and listens for a key; 1 acknowledges (docs/spec/domain.md §5).
public sealed class VoiceDeliveryTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    async Task<(PagingFlow Flow, string Page, Testing.ProviderRequest Call)> CalledAsync(string number)
    {
        var flow = new PagingFlow(fixture);
        await flow.PersonWithChannelAsync("VOICE", number);
        var page = await flow.PageAsync();
        var call = Assert.Single(fixture.Sink.Calls, c => c["To"] == number && c["Url"] is not null);
        return (flow, page, call);
    }

    [Fact]
    public async Task an_answered_call_reads_the_page_and_pressing_1_acknowledges_it()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, call) = await CalledAsync(number);
        Assert.True(call.Authentic);
        Assert.Equal(ProviderFixture.TwilioFrom, call["From"]);
        Assert.StartsWith(fixture.PublicUrl + "_callout/voice/", call["Url"], StringComparison.Ordinal);
        Assert.Equal([("SENT", call.Sid)], await flow.ReceiptsAsync(page));

        // Picking up fetches the script: the page is read inside a one-key Gather that posts back here.
        var answered = await fixture.Sink.AnswerCallAsync(call);
        Assert.Equal(200, answered.Status);
        var gather = XDocument.Parse(answered.Body).Root!.Element("Gather")!;
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.Equal(call["Url"], gather.Attribute("action")?.Value);
        Assert.Contains(PagingFlow.Subject, gather.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.True(await flow.HasAsync(page, "DeliveryTime"));
        Assert.False(await flow.HasAsync(page, "ReadTime"));

        // 2 repeats; a forged keypress is refused; 1 acknowledges.
        var repeated = XDocument.Parse((await fixture.Sink.AnswerCallAsync(call, "2")).Body).Root!;
        Assert.Contains(PagingFlow.Content, repeated.Element("Gather")!.Value, StringComparison.Ordinal);
        Assert.Equal(403, (await fixture.Sink.AnswerCallAsync(call, "1", forge: true)).Status);
        Assert.False(await flow.HasAsync(page, "ReadTime"));

        var pressed = await fixture.Sink.AnswerCallAsync(call, "1");
        Assert.Equal(200, pressed.Status);
        Assert.Contains("Acknowledged", XDocument.Parse(pressed.Body).Root!.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.True(await flow.HasAsync(page, "ReadTime"));
        Assert.Equal(["DELIVERED", "READ", "SENT"], await flow.ReceiptTypesAsync(page));
        Assert.True(await flow.EngagementStoppedAsync());
        // The forged keypress changed nothing and is not recorded; the answer and the press are.
        Assert.Equal([$"Inbound.VoiceKeypress Success {page} {flow.Channel}"], await flow.AuditAsync("Inbound.VoiceKeypress"));
        Assert.Contains($"Inbound.VoiceAnswer Success {page} {flow.Channel}", await flow.AuditAsync("Inbound.VoiceAnswer"));
    }

    [Fact]
    public async Task a_call_nobody_answers_gets_an_error_receipt()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, call) = await CalledAsync(number);

        Assert.Equal(204, (await fixture.Sink.SendStatusAsync(call, "no-answer")).Status);
        Assert.Contains(("ERROR", "NO_ANSWER"), await flow.ReceiptsAsync(page));
        Assert.False(await flow.HasAsync(page, "DeliveryTime"));
    }

    [Fact]
    public async Task a_key_pressed_after_the_engagement_ended_acknowledges_nothing()
    {
        var number = ProviderFixture.NewNumber();
        var (flow, page, call) = await CalledAsync(number);
        Assert.Equal(200, (await fixture.Sink.AnswerCallAsync(call)).Status);

        await flow.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{flow.Engagement}}}"}""");
        var pressed = await fixture.Sink.AnswerCallAsync(call, "1");

        Assert.Equal(200, pressed.Status);
        Assert.Contains("ended", XDocument.Parse(pressed.Body).Root!.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
        Assert.DoesNotContain("READ", await flow.ReceiptTypesAsync(page));
    }
}
