using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Callout.Domain;

namespace Callout.Engine.Delivery;

/// Posts each message as JSON to one URL, signed the Standard Webhooks way (WebhookSignature), for
/// teams that deliver through their own chat or paging bridge. `webhook-id` is the send's
/// idempotency key, the same on every try, so the receiver can drop duplicates; the timestamp is
/// the wall clock's, as receivers judge a post's age by real time. The receiver acknowledges by
/// posting the link's token back to /_callout/webhook/ack, signed the same way. The reply's JSON
/// `id`, if any, becomes the provider message id.
public sealed class WebhookSender(WebhookSettings settings, HttpClient http, CallbackLinks links, TimeProvider wallClock) : IMessageSender
{
    public string Name => "webhook";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var body = Body(message, await links.AcknowledgeUrlAsync(message, ct));
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = wallClock.GetUtcNow().ToUnixTimeSeconds();
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, message.IdempotencyKey);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, stamp);
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader,
            WebhookSignature.SignAll(settings.Secrets, message.IdempotencyKey, timestamp, body));
        // Deprecated (docs/decisions.md): receivers that still check it get one release to move over.
        request.Headers.TryAddWithoutValidation(WebhookSignature.LegacyHeader, WebhookSignature.SignLegacy(settings.Secrets[0], body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.LegacyTimestampHeader, stamp);
        request.Headers.TryAddWithoutValidation("X-Callout-Idempotency-Key", message.IdempotencyKey);
        var result = await ProviderHttp.SendAsync(http, request, Name, "id", ct);
        return result.Accepted && result.ProviderMessageId is null ? SendResult.Ok(message.IdempotencyKey) : result;
    }

    static byte[] Body(OutgoingMessage message, string? acknowledgeUrl)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("idempotencyKey", message.IdempotencyKey);
            w.WriteString("channel", ExternalNames.ChannelKinds.Of(message.Channel));
            w.WriteString("address", message.Address);
            w.WriteString("subject", message.Subject);
            w.WriteString("body", message.Body);
            if (acknowledgeUrl is not null)
            {
                w.WriteString("acknowledgeUrl", acknowledgeUrl);
            }
            w.WriteString("account", message.Scope.AccountId);
            w.WriteString("region", message.Scope.Region);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
