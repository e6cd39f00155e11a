using System.Globalization;
using System.Text;
using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Framing;

namespace Callout.Server.Admin;

/// Callout's own endpoints beside the API: health (HealthEndpoints), and the local outbox under
/// /_callout/, which under --auth strict needs a signed request and shows the caller's own messages.
static class AdminEndpoints
{
    public static void MapAdmin(this WebApplication app)
    {
        app.MapHealth();
        // ?limit= takes the newest N messages: 100 by default, and a number outside 1–1000 is
        // taken as the nearest of the two (docs/delivery.md).
        app.MapGet("/_callout/outbox", async (IStore store, HttpRequest request, CancellationToken ct) =>
        {
            var limit = 100;
            if (request.Query.TryGetValue("limit", out var text)
                && !int.TryParse(text.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                return Problem($"limit must be a whole number from 1 to 1000, not '{text}'.");
            }
            // Under --auth strict a signed caller sees only its own account and region's messages
            // (SignedAdminRequests); with --auth off the outbox is the whole emulator's, as before.
            var messages = request.HttpContext.Features.Get<SignedCaller>() is { } caller
                ? await store.ListOutboxAsync(caller.Scope, Math.Clamp(limit, 1, 1000), ct)
                : await store.ListOutboxAsync(Math.Clamp(limit, 1, 1000), ct);
            var body = ResponseFraming.Result(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("Messages");
                foreach (var m in messages)
                {
                    w.WriteStartObject();
                    w.WriteString("Id", m.Id);
                    w.WriteString("AccountId", m.AccountId);
                    w.WriteString("Region", m.Region);
                    w.WriteString("Kind", m.Kind);
                    w.WriteString("ChannelType", m.ChannelType);
                    w.WriteString("Address", m.Address);
                    w.WriteString("Subject", m.Subject);
                    w.WriteString("Body", m.Body);
                    w.WriteNumber("CreatedAt", m.CreatedAt.ToUnixTimeMilliseconds() / 1000m);
                    WriteIfPresent(w, "ContactArn", m.ContactArn);
                    WriteIfPresent(w, "ContactChannelArn", m.ChannelArn);
                    WriteIfPresent(w, "PageArn", m.PageArn);
                    WriteIfPresent(w, "EngagementArn", m.EngagementArn);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return Results.Bytes(body, "application/json");
        });
    }

    static IResult Problem(string message) => Results.Content(Encoding.UTF8.GetString(ResponseFraming.Result(w =>
    {
        w.WriteStartObject();
        w.WriteString("Message", message);
        w.WriteEndObject();
    })), "application/json", statusCode: StatusCodes.Status400BadRequest);

    /// Nulls are left out, as in the API's shapes: activation codes have no page, and messages
    /// stored before the outbox kept whom they were for have no ARNs at all.
    static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
