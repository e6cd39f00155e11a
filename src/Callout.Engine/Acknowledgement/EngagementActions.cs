using Callout.Domain.Engagements;
using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Engine.Processing;
using NodaTime;

namespace Callout.Engine.Acknowledgement;

public enum AcceptKind
{
    Delivered,
    Read,
}

/// Acknowledging and stopping, shared by the API (AcceptPage, StopEngagement) and the inbound
/// paths (email link, SMS reply, voice keypress). Each runs in the caller's transaction.
public sealed class EngagementActions(EngineSecrets secrets)
{
    /// docs/spec/domain.md §4.1 and §3.5. DELIVERED only records; READ acknowledges the person, and
    /// ends the engagement when AcknowledgementRules say so. A repeated type is a no-op, and
    /// READ without an earlier DELIVERED writes both.
    public async Task AcceptAsync(IStoreSession session, Page page, AcceptKind kind, string code, string? note, bool enforceCode, Instant now, CancellationToken ct)
    {
        if (enforceCode && !AcceptCodes.Matches(await secrets.AcceptCodesAsync(ct), page.Arn.ToString(), code))
        {
            throw new InvalidRequest("The accept code does not match the page.", "acceptCode");
        }
        // The engine may be sending on this page right now: take the page's lock (after the
        // engagement's, which acknowledging may stop) and work on the page as it is once that send
        // is recorded.
        await session.LockEngagementAsync(page.EngagementId, ct);
        await session.LockPageAsync(page.Id, ct);
        page = await session.FindPageAsync(page.Id, ct) ?? page;
        var info = note ?? code;
        if (page.DeliveryTime is null)
        {
            await session.AddReceiptAsync(new Receipt(page.Id, page.ChannelId, ReceiptKind.Delivered, info, now), ct);
            page = page with { DeliveryTime = now };
        }
        if (kind == AcceptKind.Read && page.ReadTime is null)
        {
            await session.AddReceiptAsync(new Receipt(page.Id, page.ChannelId, ReceiptKind.Read, info, now), ct);
            page = page with { ReadTime = now };
            await session.UpdatePageAsync(page, ct);
            await AcknowledgeAsync(session, page, now, ct);
            return;
        }
        await session.UpdatePageAsync(page, ct);
    }

    static async Task AcknowledgeAsync(IStoreSession session, Page page, Instant now, CancellationToken ct)
    {
        var engagement = await session.FindEngagementAsync(page.EngagementId, ct);
        if (engagement is not { Running: true })
        {
            // Accepted and recorded after the end, with no effect on the engine (docs/spec/domain.md §3.6).
            return;
        }
        await session.AddAcknowledgementAsync(engagement.Id, page.ContactAlias, now, ct);
        if (IncidentArns.IncidentId(page.Arn.Scope, engagement.IncidentId) is { } incidentId)
        {
            // Every acknowledgement path (AcceptPage, links, replies, keypresses) comes through
            // here, so the incident's timeline shows each one, in the same transaction.
            await session.InsertIncidentEventAsync(CalloutEvents.New(incidentId, OrderedIds.Next(now),
                CalloutEvents.PageAcknowledged, now,
                [
                    ("pageArn", page.Arn.ToString()),
                    ("engagementArn", engagement.Arn.ToString()),
                    ("contactArn", ResourceArn.Contact(page.Arn.Scope, page.ContactAlias).ToString()),
                ], page.Arn.ToString()), ct);
        }
        if (AcknowledgementRules.StopsEngagement(engagement, page))
        {
            await StopAsync(session, engagement, now, "Acknowledged", StopReasons.AcknowledgedElsewhere, ct);
            return;
        }
        foreach (var other in await session.UnreadPagesAsync(engagement.Id, page.ContactAlias, ct))
        {
            await session.AddReceiptAsync(new Receipt(other.Id, other.ChannelId, ReceiptKind.Stop, StopReasons.AcknowledgedElsewhere, now), ct);
        }
    }

    /// Sets StopTime, cancels what is scheduled and writes STOP on every page no one read.
    /// Stopping a stopped engagement changes nothing (docs/spec/domain.md §3.6).
    public static async Task StopAsync(IStoreSession session, Engagement engagement, Instant now, string? reason, string stopInfo, CancellationToken ct)
    {
        await session.LockEngagementAsync(engagement.Id, ct);
        if (!await session.StopEngagementAsync(engagement.Id, now, reason, ct))
        {
            return;
        }
        await session.CancelStepsAsync(engagement.Id, ct);
        foreach (var open in await session.UnreadPagesAsync(engagement.Id, null, ct))
        {
            await session.AddReceiptAsync(new Receipt(open.Id, open.ChannelId, ReceiptKind.Stop, stopInfo, now), ct);
        }
    }
}
