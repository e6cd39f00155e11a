using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Delivery;
using Callout.Server.Audit;

namespace Callout.Server.Inbound;

/// Twilio's status callbacks (`POST /_callout/twilio/status?t=…`): a delivered message or an
/// answered call records DELIVERED, a failed one ERROR (docs/spec/domain.md §2.7). The sealed `t` token
/// names the scope and send key (CallbackLinks), whose delivery record names the page.
sealed class TwilioStatusEndpoint(TwilioRequests twilio, CallbackLinks links, PageAcceptance acceptance, IStore store, AuditLog audit)
{
    static readonly HashSet<string> Delivered = new(["delivered", "read", "answered", "in-progress", "completed"], StringComparer.Ordinal);
    static readonly HashSet<string> Failed = new(["failed", "undelivered", "no-answer", "busy", "canceled"], StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        var (refusal, form) = await twilio.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var status = (form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("CallStatus") ?? "").ToLowerInvariant();
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("CallSid");
        if (request.Query["t"].ToString() is not { Length: > 0 } token || await links.ReadStatusTokenAsync(token, ct) is not { } send)
        {
            return Results.NoContent();
        }

        DeliveryRecord? delivery;
        await using (var session = await store.OpenAsync(send.Scope, write: false, ct))
        {
            delivery = await session.FindDeliveryAsync(send.Key, ct);
        }
        // No record: an activation code, not a page. A different sid: not the send this token was made for.
        if (delivery is null || (delivery.ProviderMessageId is { } known && sid is not null && known != sid))
        {
            return Results.NoContent();
        }
        if (Delivered.Contains(status))
        {
            await acceptance.AcceptAsync(send.Scope, delivery.PageId, AcceptKind.Delivered, code: null, note: status.ToUpperInvariant(),
                InboundCall.Of(InboundCall.TwilioStatus, request.HttpContext), ct);
        }
        else if (Failed.Contains(status))
        {
            await using var session = await store.OpenAsync(send.Scope, write: true, ct);
            if (await session.FindPageAsync(delivery.PageId, ct) is { } page)
            {
                var code = form.GetValueOrDefault("ErrorCode") is { Length: > 0 } e ? " " + e : "";
                var now = acceptance.Now();
                await session.AddReceiptAsync(new Receipt(page.Id, page.ChannelId, ReceiptKind.Error,
                    status.ToUpperInvariant().Replace('-', '_') + code, now), ct);
                var record = InboundCall.Of(InboundCall.TwilioStatus, request.HttpContext).RecordFor(page, now);
                await session.AppendAuditAsync(record, ct);
                await session.CommitAsync(ct);
                audit.Stored(record);
            }
        }
        return Results.NoContent();
    }
}
