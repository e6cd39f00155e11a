using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Incidents.Records;
using Callout.Server.Operations;
using NodaTime;

namespace Callout.Server.Incidents.Timeline;

/// Changes what the caller gave of a `Custom Event` or `Note`. Events Callout wrote record what
/// happened and are refused (docs/decisions.md, "Incident timelines").
sealed class UpdateTimelineEvent(IStore store) : IOperation<UpdateTimelineEventInput, UpdateTimelineEventOutput>
{
    public async Task<UpdateTimelineEventOutput> HandleAsync(UpdateTimelineEventInput request, RequestContext context, CancellationToken ct)
    {
        if (request.EventType is { } type)
        {
            TimelineEvents.CheckType(type, "eventType");
        }
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.TimelineEvent, ct) is not null)
        {
            return new();
        }
        var incident = await IncidentRecords.RequireAsync(session, context, request.IncidentRecordArn, ct);
        var found = await session.FindIncidentEventAsync(incident.Id, request.EventId, ct)
            ?? throw TimelineEvents.NotFound(request.IncidentRecordArn, request.EventId);
        TimelineEvents.CheckType(found.EventType, "eventId");
        await session.UpdateIncidentEventAsync(found with
        {
            EventType = request.EventType ?? found.EventType,
            EventData = request.EventData ?? found.EventData,
            ReferencesJson = request.EventReferences is { } references ? TimelineEvents.References(references) : found.ReferencesJson,
            EventTime = request.EventTime is { } at ? Instant.FromDateTimeOffset(at) : found.EventTime,
            UpdatedAt = context.Now(),
        }, ct);
        await Idempotency.RememberAsync(session, context, request.ClientToken, request.EventId, ct);
        await session.CommitAuditedAsync(context, request.IncidentRecordArn, ct);
        return new();
    }
}
