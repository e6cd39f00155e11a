using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Incidents.Records;
using Callout.Server.Operations;
using NodaTime;

namespace Callout.Server.Incidents.Timeline;

/// A caller's `Custom Event` or `Note` on an incident's timeline (201). A retry with the same
/// clientToken gets the first call's event id.
sealed class CreateTimelineEvent(IStore store, TimeProvider time) : IOperation<CreateTimelineEventInput, CreateTimelineEventOutput>
{
    public async Task<CreateTimelineEventOutput> HandleAsync(CreateTimelineEventInput request, RequestContext context, CancellationToken ct)
    {
        TimelineEvents.CheckType(request.EventType, "eventType");
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.TimelineEvent, ct) is { } earlier)
        {
            return new() { EventId = earlier, IncidentRecordArn = request.IncidentRecordArn };
        }
        var incident = await IncidentRecords.RequireAsync(session, context, request.IncidentRecordArn, ct);
        var now = context.Now();
        var id = OrderedIds.Next(time.GetUtcNow());
        await session.InsertIncidentEventAsync(new IncidentEvent(incident.Id, id, request.EventType, request.EventData,
            TimelineEvents.References(request.EventReferences), Instant.FromDateTimeOffset(request.EventTime), now), ct);
        await Idempotency.RememberAsync(session, context, request.ClientToken, id, ct);
        await session.CommitAuditedAsync(context, request.IncidentRecordArn, ct);
        return new() { EventId = id, IncidentRecordArn = request.IncidentRecordArn };
    }
}
