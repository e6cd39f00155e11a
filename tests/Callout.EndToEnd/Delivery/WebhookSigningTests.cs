using System.Globalization;
using Callout.Testing;

namespace Callout.EndToEnd.Delivery;

/// Webhook posts and acknowledgements are signed the Standard Webhooks way, with the timestamp
/// signed too: stale, future, forged or replayed acknowledgements do nothing.
public sealed class WebhookSigningTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    async Task<(PagingFlow Flow, string Page, ProviderRequest Posted, string Token)> PagedAsync()
    {
        var flow = new PagingFlow(fixture);
        var address = $"signed-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var page = await flow.PageAsync();
        var posted = Assert.Single(fixture.Sink.Webhooks, w => w["address"] == address && w["idempotencyKey"]!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal));
        var link = posted["acknowledgeUrl"]!;
        return (flow, page, posted, link[(link.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public async Task a_post_carries_the_sends_idempotency_key_as_webhook_id_and_a_signature_per_configured_secret()
    {
        var (_, _, posted, _) = await PagedAsync();

        Assert.Equal(posted["idempotencyKey"], posted.Header("webhook-id"));
        var timestamp = long.Parse(posted.Header("webhook-timestamp")!, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -60, 300);
        var signatures = posted.Header("webhook-signature")!.Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.All(signatures, s => Assert.StartsWith("v1,", s, StringComparison.Ordinal));
        foreach (var secret in new[] { fixture.Sink.WebhookSecret, fixture.PreviousWebhookSecret })
        {
            Assert.True(StandardWebhooks.HasSignature(secret, posted.Header("webhook-id"), posted.Header("webhook-timestamp"), posted.Header("webhook-signature"), posted.RawBody),
                "a receiver still on either secret of the rotation can verify the post");
        }
        Assert.False(StandardWebhooks.HasSignature(StandardWebhooks.NewSecret(), posted.Header("webhook-id"), posted.Header("webhook-timestamp"), posted.Header("webhook-signature"), posted.RawBody));
        // Deprecated, kept for one release: the body's HMAC with the newest secret.
        Assert.Equal(HttpProviderSink.SignLegacy(fixture.Sink.WebhookSecret, posted.RawBody), posted.Header("X-Callout-Signature"));
    }

    [Fact]
    public async Task every_try_of_one_send_has_the_same_webhook_id()
    {
        var flow = new PagingFlow(fixture);
        var address = $"retried-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        fixture.Sink.Refuse(address, 503);
        var page = await flow.PageAsync();

        var tries = fixture.Sink.Webhooks.Where(w => w["address"] == address && w["idempotencyKey"]!.StartsWith(PagingFlow.PageId(page), StringComparison.Ordinal)).ToList();

        Assert.Equal([503, 200], tries.Select(t => t.Status));
        Assert.Equal(tries[0].Header("webhook-id"), tries[1].Header("webhook-id"));
        Assert.All(tries, t => Assert.True(t.Authentic));
    }

    [Fact]
    public async Task an_acknowledgement_signed_with_the_previous_secret_of_a_rotation_is_accepted()
    {
        var (flow, page, _, token) = await PagedAsync();

        var answer = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl,
            HttpProviderSink.SignAcknowledgement(token, "READ", fixture.PreviousWebhookSecret));

        Assert.Equal(200, answer.Status);
        Assert.True(await flow.HasAsync(page, "ReadTime"));
    }

    [Theory]
    [InlineData(-6 * 60, "old")]
    [InlineData(6 * 60, "ahead")]
    [InlineData(-3 * 24 * 3600, "old")]
    public async Task an_acknowledgement_signed_more_than_five_minutes_away_from_now_is_refused(int offsetSeconds, string says)
    {
        var (flow, page, _, token) = await PagedAsync();

        var answer = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl,
            HttpProviderSink.SignAcknowledgement(token, "READ", fixture.Sink.WebhookSecret, DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)));

        Assert.Equal(403, answer.Status);
        Assert.Contains(says, answer.Body, StringComparison.Ordinal);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }

    [Fact]
    public async Task an_acknowledgement_signed_four_minutes_ago_is_still_accepted()
    {
        var (flow, page, _, token) = await PagedAsync();

        var answer = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl,
            HttpProviderSink.SignAcknowledgement(token, "READ", fixture.Sink.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-4)));

        Assert.Equal(200, answer.Status);
        Assert.True(await flow.HasAsync(page, "ReadTime"));
    }

    [Fact]
    public async Task a_replayed_acknowledgement_is_refused_and_acts_only_once()
    {
        var (flow, page, _, token) = await PagedAsync();
        var delivered = HttpProviderSink.SignAcknowledgement(token, "DELIVERED", fixture.Sink.WebhookSecret);

        Assert.Equal(200, (await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl, delivered)).Status);
        var receipts = await flow.ReceiptsAsync(page);
        var replay = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl, delivered);

        Assert.Equal(409, replay.Status);
        Assert.Contains(delivered.Headers.Single(h => h.Key == "webhook-id").Value, replay.Body, StringComparison.Ordinal);
        Assert.Equal(receipts, await flow.ReceiptsAsync(page));
    }

    [Fact]
    public async Task a_signature_that_does_not_cover_this_id_timestamp_or_body_is_refused()
    {
        var (flow, page, _, token) = await PagedAsync();
        var signed = HttpProviderSink.SignAcknowledgement(token, "READ", fixture.Sink.WebhookSecret);
        var stamp = long.Parse(signed.Headers.Single(h => h.Key == "webhook-timestamp").Value, CultureInfo.InvariantCulture);

        Assert.Equal(403, (await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl, signed.With("webhook-id", "msg_other"))).Status);
        Assert.Equal(403, (await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl,
            signed.With("webhook-timestamp", (stamp + 1).ToString(CultureInfo.InvariantCulture)))).Status);
        Assert.Equal(403, (await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl,
            signed with { Body = System.Text.Encoding.UTF8.GetBytes($$"""{"token":"{{token}}","type":"DELIVERED"}""") })).Status);
        Assert.Equal(403, (await fixture.Sink.AcknowledgeByWebhookAsync(fixture.PublicUrl, token, forge: true)).Status);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
        Assert.False(await flow.HasAsync(page, "DeliveryTime"));
    }

    [Fact]
    public async Task an_acknowledgement_signed_only_the_old_way_is_refused_with_how_to_sign()
    {
        var (flow, page, _, token) = await PagedAsync();
        var signed = HttpProviderSink.SignAcknowledgement(token, "READ", fixture.Sink.WebhookSecret);
        var legacy = new WebhookAcknowledgement(signed.Body, [new("X-Callout-Signature", HttpProviderSink.SignLegacy(fixture.Sink.WebhookSecret, signed.Body))]);

        var answer = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl, legacy);

        Assert.Equal(400, answer.Status);
        Assert.Contains("webhook-signature", answer.Body, StringComparison.Ordinal);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }

    public static TheoryData<string, string> HostileHeaders => new()
    {
        { "webhook-id", "" },
        { "webhook-id", new string('a', 257) },
        { "webhook-id", "id with spaces" },
        { "webhook-timestamp", "" },
        { "webhook-timestamp", "-5" },
        { "webhook-timestamp", "1e9" },
        { "webhook-timestamp", "99999999999999999999999" },
        { "webhook-signature", "" },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public async Task a_missing_or_malformed_signing_header_gets_a_400_that_says_how_to_sign(string header, string value)
    {
        var (flow, page, _, token) = await PagedAsync();
        var signed = HttpProviderSink.SignAcknowledgement(token, "READ", fixture.Sink.WebhookSecret);

        var answer = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl, value.Length == 0 ? signed.Without(header) : signed.With(header, value));

        Assert.Equal(400, answer.Status);
        Assert.Contains("Standard Webhooks", answer.Body, StringComparison.Ordinal);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }

    [Theory]
    [InlineData("v1,not-base64!")]
    [InlineData("v2,AAAA")]
    [InlineData("v1,")]
    [InlineData("v1a,abc v1")]
    public async Task a_signature_header_with_no_valid_signature_is_refused(string signature)
    {
        var (flow, page, _, token) = await PagedAsync();
        var signed = HttpProviderSink.SignAcknowledgement(token, "READ", fixture.Sink.WebhookSecret);

        var answer = await HttpProviderSink.SendAcknowledgementAsync(fixture.PublicUrl, signed.With("webhook-signature", signature));

        Assert.Equal(403, answer.Status);
        Assert.False(await flow.HasAsync(page, "ReadTime"));
    }
}
