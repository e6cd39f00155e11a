using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.Records;

/// Changes what the caller gave; members left out keep their value. Setting RESOLVED stops the
/// incident's engagements, reopening pages no one (IncidentStarter.SaveAsync). The session is
/// opened in the region whose contacts the incident engaged, where its engagements live, so a
/// caller in any region of the account can resolve it.
sealed class UpdateIncidentRecord(IStore store, IIncidentStarter starter) : IOperation<UpdateIncidentRecordInput, UpdateIncidentRecordOutput>
{
    public async Task<UpdateIncidentRecordOutput> HandleAsync(UpdateIncidentRecordInput request, RequestContext context, CancellationToken ct)
    {
        string region;
        await using (var reading = await store.OpenAsync(context.Scope(), write: false, ct))
        {
            region = (await IncidentRecords.RequireAsync(reading, context, request.Arn, ct)).EngagedRegion;
        }
        var audited = context with { Region = region };
        await using var session = await store.OpenAsync(audited.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, audited, request.ClientToken, Domain.Errors.ResourceTypes.IncidentRecord, ct) is not null)
        {
            return new();
        }
        var before = await IncidentRecords.RequireAsync(session, audited, request.Arn, ct);
        var after = before with
        {
            Title = request.Title ?? before.Title,
            Summary = request.Summary ?? before.Summary,
            Impact = request.Impact ?? before.Impact,
            Status = request.Status is { } status ? (status == "RESOLVED" ? IncidentStatus.Resolved : IncidentStatus.Open) : before.Status,
            ChatChannelJson = request.ChatChannel is { } chat ? ShapeJson.Write(chat, ShapeWriters.WriteChatChannel) : before.ChatChannelJson,
            NotificationTargetsJson = request.NotificationTargets is { } targets
                ? ShapeJson.WriteList(targets, ShapeWriters.WriteNotificationTargetItem)
                : before.NotificationTargetsJson,
        };
        await starter.SaveAsync(session, audited, before, after, ReplicationSets.ReplicationSets.Caller(context),
            reason: after.Status != before.Status ? "Status set to " + request.Status + " by UpdateIncidentRecord" : null, ct);
        await Idempotency.RememberAsync(session, audited, request.ClientToken, request.Arn, ct);
        await session.CommitAuditedAsync(audited, request.Arn, ct);
        return new();
    }
}
