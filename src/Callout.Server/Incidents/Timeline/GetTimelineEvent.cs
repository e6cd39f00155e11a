using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Incidents.Records;

namespace Callout.Server.Incidents.Timeline;

sealed class GetTimelineEvent(IStore store) : IOperation<GetTimelineEventInput, GetTimelineEventOutput>
{
    public async Task<GetTimelineEventOutput> HandleAsync(GetTimelineEventInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var incident = await IncidentRecords.RequireAsync(session, context, request.IncidentRecordArn, ct);
        var found = await session.FindIncidentEventAsync(incident.Id, request.EventId, ct)
            ?? throw TimelineEvents.NotFound(request.IncidentRecordArn, request.EventId);
        return new() { Event = TimelineEvents.ToWire(found, request.IncidentRecordArn) };
    }
}
