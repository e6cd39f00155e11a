namespace Callout.EndToEnd.Delivery;

/// How provider refusals end up on the page: a passing failure (5xx) is tried again at once and
/// the page is sent once; a refusal (4xx) is final and leaves an ERROR receipt (IMessageSender).
public sealed class ProviderFailureTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task a_provider_failing_twice_with_500_is_tried_again_and_the_page_is_sent_once()
    {
        var number = ProviderFixture.NewNumber();
        var flow = new PagingFlow(fixture);
        await flow.PersonWithChannelAsync("SMS", number);
        fixture.Sink.Refuse(number, 500, 500);
        var page = await flow.PageAsync();

        var tries = fixture.Sink.Messages.Where(m => m["To"] == number && m.Header("I-Twilio-Idempotency-Token")!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal)).ToList();
        Assert.Equal([500, 500, 201], tries.Select(t => t.Status));
        // Every try carries the same idempotency token, so Twilio could drop a duplicate.
        Assert.Single(tries.Select(t => t.Header("I-Twilio-Idempotency-Token")).Distinct());
        Assert.Equal([("SENT", tries[2].Sid)], await flow.ReceiptsAsync(page));
        Assert.True(await flow.HasAsync(page, "SentTime"));
    }

    [Fact]
    public async Task a_provider_refusing_with_400_leaves_an_error_receipt_and_is_not_tried_again()
    {
        var number = ProviderFixture.NewNumber();
        var flow = new PagingFlow(fixture);
        await flow.PersonWithChannelAsync("SMS", number);
        fixture.Sink.Refuse(number, 400);
        var page = await flow.PageAsync();

        var tries = fixture.Sink.Messages.Where(m => m["To"] == number && m.Header("I-Twilio-Idempotency-Token")!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal)).ToList();
        Assert.Equal([400], tries.Select(t => t.Status));
        var receipt = Assert.Single(await flow.ReceiptsAsync(page));
        Assert.Equal("ERROR", receipt.Type);
        Assert.StartsWith("twilio 400 21211", receipt.Info, StringComparison.Ordinal);
        Assert.False(await flow.HasAsync(page, "SentTime"));
    }

    [Fact]
    public async Task a_refusal_is_logged_as_a_warning_with_the_providers_reason_and_without_the_number()
    {
        var number = ProviderFixture.NewNumber();
        var flow = new PagingFlow(fixture);
        await flow.PersonWithChannelAsync("SMS", number);
        fixture.Sink.Refuse(number, 400);
        var page = await flow.PageAsync();

        // The receipt keeps Twilio's whole reason; the log leaves the number out.
        Assert.Contains(number, Assert.Single(await flow.ReceiptsAsync(page)).Info, StringComparison.Ordinal);
        var line = Assert.Single(await Observability.ServerLog.WaitForAsync(fixture.Server, l => l.Contains(page, StringComparison.Ordinal)));
        Assert.Contains(" warn: ", line, StringComparison.Ordinal);
        Assert.Contains($"Page {page} over SMS via twilio: refused", line, StringComparison.Ordinal);
        Assert.Contains("The 'To' number <address> is not a valid phone number.", line, StringComparison.Ordinal);
        Assert.DoesNotContain(number, fixture.Server.Output, StringComparison.Ordinal);
    }
}
