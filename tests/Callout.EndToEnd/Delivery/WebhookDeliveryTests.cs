namespace Callout.EndToEnd.Delivery;

/// Delivery through a signed webhook, and acknowledgement by a signed post back.
public sealed class WebhookDeliveryTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task a_page_is_posted_signed_and_a_signed_post_back_acknowledges_it()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var page = await flow.PageAsync();

        var posted = Assert.Single(fixture.Sink.Webhooks, w => w["address"] == address && w["idempotencyKey"]!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal));
        Assert.True(posted.Authentic, "the sink checks the Standard Webhooks signature against the shared secret");
        Assert.Equal("EMAIL", posted["channel"]);
        Assert.Equal(PagingFlow.Subject, posted["subject"]);
        Assert.Contains(PagingFlow.Content, posted["body"], StringComparison.Ordinal);
        Assert.Equal(flow.Client.Account, posted["account"]);
        Assert.Equal(flow.Client.Region, posted["region"]);
        Assert.Equal([("SENT", posted.Sid)], await flow.ReceiptsAsync(page));
        var link = posted["acknowledgeUrl"]!;
        Assert.StartsWith(fixture.PublicUrl + "_callout/ack/", link, StringComparison.Ordinal);
        var token = link[(link.LastIndexOf('/') + 1)..];

        Assert.Equal(403, (await fixture.Sink.AcknowledgeByWebhookAsync(fixture.PublicUrl, token, forge: true)).Status);
        Assert.False(await flow.HasAsync(page, "ReadTime"));

        var acknowledged = await fixture.Sink.AcknowledgeByWebhookAsync(fixture.PublicUrl, token);
        Assert.Equal(200, acknowledged.Status);
        Assert.Contains(page, acknowledged.Body, StringComparison.Ordinal);
        Assert.True(await flow.HasAsync(page, "ReadTime"));
        Assert.True(await flow.EngagementStoppedAsync());
        // The forged post-back is not recorded (an unproven caller); the signed one is.
        Assert.Equal([$"Inbound.WebhookAck Success {page} {flow.Channel}"], await flow.AuditAsync("Inbound.WebhookAck"));
    }

    [Fact]
    public async Task an_sms_page_by_webhook_carries_a_link_too()
    {
        var flow = new PagingFlow(fixture);
        var number = ProviderFixture.NewNumber();
        await flow.PersonWithChannelAsync("SMS", number);
        var page = await flow.PageAsync();

        var posted = Assert.Single(fixture.Sink.Webhooks, w => w["address"] == number && w["idempotencyKey"]!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal));
        Assert.Equal("SMS", posted["channel"]);
        var link = posted["acknowledgeUrl"]!;
        var delivered = await fixture.Sink.AcknowledgeByWebhookAsync(fixture.PublicUrl, link[(link.LastIndexOf('/') + 1)..], "DELIVERED");
        Assert.Equal(200, delivered.Status);
        Assert.True(await flow.HasAsync(page, "DeliveryTime"));
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }

    [Fact]
    public async Task a_post_back_for_an_ended_engagement_is_gone_and_acknowledges_nothing()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var page = await flow.PageAsync();
        var posted = Assert.Single(fixture.Sink.Webhooks, w => w["address"] == address && w["idempotencyKey"]!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal));
        var link = posted["acknowledgeUrl"]!;

        await flow.Client.OkAsync("StopEngagement", $$$"""{"EngagementId":"{{{flow.Engagement}}}"}""");
        var receipts = await flow.ReceiptTypesAsync(page);

        var gone = await fixture.Sink.AcknowledgeByWebhookAsync(fixture.PublicUrl, link[(link.LastIndexOf('/') + 1)..]);
        Assert.Equal(410, gone.Status);
        Assert.Contains("ended", gone.Body, StringComparison.Ordinal);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
        Assert.False(await flow.HasAsync(page, "DeliveryTime"));
        Assert.Equal(receipts, await flow.ReceiptTypesAsync(page));
    }
}
