using System.Text;
using System.Text.Json;
using Callout.Domain.Engagements;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;
using Callout.Protocol.Framing;
using Callout.Server.Hosting;

namespace Callout.Server.Inbound;

/// A webhook receiver acknowledges (`POST /_callout/webhook/ack`) with
/// `{"token": "<the last segment of acknowledgeUrl>", "type": "READ" | "DELIVERED", "note": "..."}`,
/// signed like our posts to it (WebhookSignature). The token stands in for the accept code.
sealed class WebhookAckEndpoint(DeliveryConfiguration delivery, PageAcceptance acceptance, EngineSecrets secrets)
{
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
        if (!WebhookSignature.Verify(webhook.Secret, body, request.Headers[WebhookSignature.Header].ToString()))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
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
        if (!AcknowledgeLinks.TryRead(await secrets.LinksAsync(ct), token, out var scope, out var pageId))
        {
            return Results.NotFound();
        }
        var (outcome, page) = await acceptance.AcceptWhileRunningAsync(scope, pageId, kind, note, ct);
        if (outcome == PageAcceptance.LinkOutcome.Ended)
        {
            // The token works only while the engagement runs, as the email link does.
            return Problem("The engagement of this page has ended; it can no longer be acknowledged.", StatusCodes.Status410Gone);
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

    static IResult Problem(string message, int status = StatusCodes.Status400BadRequest) => Results.Content(Encoding.UTF8.GetString(ResponseFraming.Result(w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    })), "application/json", statusCode: status);
}
