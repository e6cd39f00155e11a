using System.Globalization;
using System.Text;
using System.Text.Json;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;
using Callout.Protocol.Framing;
using Callout.Server.Audit;
using Callout.Server.Hosting;
using NodaTime;

namespace Callout.Server.Inbound;

/// A webhook receiver acknowledges (`POST /_callout/webhook/ack`) with
/// `{"token": "<the last segment of acknowledgeUrl>", "type": "READ" | "DELIVERED", "note": "..."}`,
/// signed the Standard Webhooks way like our posts to it (WebhookSignature). The token stands in
/// for the accept code. A post signed more than five minutes ago (or ahead), or whose webhook-id
/// was already taken in that window, does nothing: a captured acknowledgement cannot be replayed.
sealed class WebhookAckEndpoint(DeliveryConfiguration delivery, PageAcceptance acceptance, EngineSecrets secrets, IStore store)
{
    // A signature's age is real age, even under --clock virtual, as for SigV4 (docs/decisions.md):
    // a rehearsal that moved its clock days ahead must not refuse every receiver.
    static readonly TimeProvider WallClock = TimeProvider.System;

    const string HowToSign = "Sign acknowledgements the Standard Webhooks way (docs/delivery.md): webhook-id (1 to 256 visible characters, new for each acknowledgement), "
        + "webhook-timestamp (unix seconds) and webhook-signature (v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">); "
        + "X-Callout-Signature alone is no longer accepted.";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (delivery.Webhook is not { } webhook)
        {
            return Results.NotFound();
        }
        var body = await InboundBody.ReadAsync(request, ct);
        if (body is null)
        {
            return InboundBody.TooLarge();
        }
        var id = Header(request, WebhookSignature.IdHeader);
        var timestamp = Header(request, WebhookSignature.TimestampHeader);
        var now = WallClock.GetUtcNow();
        switch (WebhookVerification.Check(webhook.Secrets, id, timestamp, Header(request, WebhookSignature.SignatureHeader), body, now))
        {
            case WebhookCheck.Malformed:
                return Problem(StatusCodes.Status400BadRequest, HowToSign);
            case WebhookCheck.BadSignature:
                return Problem(StatusCodes.Status403Forbidden, "webhook-signature holds no signature made with a configured secret.");
            case WebhookCheck.TooOld:
                return Problem(StatusCodes.Status403Forbidden,
                    $"webhook-timestamp is more than {WebhookVerification.Tolerance.TotalMinutes:0} minutes old; sign each acknowledgement when sending it.");
            case WebhookCheck.TooNew:
                return Problem(StatusCodes.Status403Forbidden,
                    $"webhook-timestamp is more than {WebhookVerification.Tolerance.TotalMinutes:0} minutes ahead of this server's clock.");
        }

        string? token, type, note;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            type = !root.TryGetProperty("type", out var k) ? "READ" : k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            note = root.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        catch (JsonException)
        {
            return Problem("The body must be JSON: {\"token\": \"...\", \"type\": \"READ\" | \"DELIVERED\"}.");
        }
        AcceptKind kind;
        switch (type)
        {
            case "READ":
                kind = AcceptKind.Read;
                break;
            case "DELIVERED":
                kind = AcceptKind.Delivered;
                break;
            default:
                return Problem("type must be READ or DELIVERED.");
        }
        if (token is null || note is { Length: > 2048 })
        {
            return Problem("token is required, and note may have at most 2048 characters.");
        }
        // Remembered until well after the signature's window closes (ahead or behind), so a node
        // whose clock runs a little behind still finds it.
        var signedAt = Instant.FromUnixTimeSeconds(long.Parse(timestamp!, CultureInfo.InvariantCulture));
        if (!await store.RememberWebhookIdAsync(id!, Instant.FromDateTimeOffset(now), signedAt + Duration.FromTimeSpan(2 * WebhookVerification.Tolerance), ct))
        {
            return Problem(StatusCodes.Status409Conflict,
                $"An acknowledgement with webhook-id '{id}' was already received; it was not acted on again. Give each acknowledgement its own webhook-id.");
        }
        if (!AcknowledgeLinks.TryRead(await secrets.LinksAsync(ct), token, out var scope, out var pageId))
        {
            return Results.NotFound();
        }
        var (outcome, page) = await acceptance.AcceptWhileRunningAsync(scope, pageId, kind, note,
            InboundCall.Of(InboundCall.WebhookAck, request.HttpContext), ct);
        if (outcome == PageAcceptance.LinkOutcome.Ended)
        {
            // The token works only while the engagement runs, as the email link does.
            return Problem(StatusCodes.Status410Gone, "The engagement of this page has ended; it can no longer be acknowledged.");
        }
        if (page is null)
        {
            return Results.NotFound();
        }
        return Results.Bytes(ResponseFraming.Result(w =>
        {
            w.WriteStartObject();
            w.WriteString("pageArn", page.Arn.ToString());
            w.WriteString("type", type);
            w.WriteEndObject();
        }), "application/json");
    }

    static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    static IResult Problem(string message) => Problem(StatusCodes.Status400BadRequest, message);

    static IResult Problem(int status, string message) => Results.Content(Encoding.UTF8.GetString(ResponseFraming.Result(w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    })), "application/json", statusCode: status);
}
