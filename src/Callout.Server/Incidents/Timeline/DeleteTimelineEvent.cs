using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Incidents.Records;

namespace Callout.Server.Incidents.Timeline;

/// The model lists no ResourceNotFoundException: deleting an absent event, or an event of an
/// absent incident, succeeds (docs/spec/incidents.md §4).
sealed class DeleteTimelineEvent(IStore store) : IOperation<DeleteTimelineEventInput, DeleteTimelineEventOutput>
{
    public async Task<DeleteTimelineEventOutput> HandleAsync(DeleteTimelineEventInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await IncidentRecords.FindAsync(session, context, request.IncidentRecordArn, ct) is { } incident)
        {
            await session.DeleteIncidentEventAsync(incident.Id, request.EventId, ct);
        }
        await session.CommitAuditedAsync(context, request.IncidentRecordArn, ct);
        return new();
    }
}
