using System.Text.Json;
using Callout.Domain.Ports;
using Callout.Protocol.Framing;

namespace Callout.Server.Admin;

/// Callout's own endpoints beside the API: health (HealthEndpoints), and the local outbox under /_callout/.
static class AdminEndpoints
{
    public static void MapAdmin(this WebApplication app)
    {
        app.MapHealth();
        app.MapGet("/_callout/outbox", async (IContactStore store, int? limit, CancellationToken ct) =>
        {
            var messages = await store.ListOutboxAsync(Math.Clamp(limit ?? 100, 1, 1000), ct);
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
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return Results.Bytes(body, "application/json");
        });
    }
}
