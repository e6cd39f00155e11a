using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Incidents.ReplicationSets;
using NodaTime;

namespace Callout.Server.Incidents.Records;

/// Opens an incident of a response plan and engages its contacts, or joins the OPEN incident with
/// the same dedupe key (docs/spec/incidents.md §4); the rules live in IncidentStarter, which alert
/// intake shares.
sealed class StartIncident(IIncidentStarter starter) : IOperation<StartIncidentInput, StartIncidentOutput>
{
    public async Task<StartIncidentOutput> HandleAsync(StartIncidentInput request, RequestContext context, CancellationToken ct)
    {
        var trigger = request.TriggerDetails;
        var result = await starter.StartAsync(context, new IncidentStartRequest(
            request.ResponsePlanArn,
            request.Title,
            request.Impact,
            // StartIncident takes no summary: the plan's template gives it.
            Summary: null,
            trigger?.Source ?? IncidentStarter.ApiSource,
            trigger is null ? context.Now() : Instant.FromDateTimeOffset(trigger.Timestamp),
            trigger?.TriggerArn,
            trigger?.RawData,
            ShapeJson.WriteList(request.RelatedItems, ShapeWriters.WriteRelatedItem),
            ReplicationSets.ReplicationSets.Caller(context),
            InvokedBy: null,
            request.ClientToken), ct);
        return new() { IncidentRecordArn = result.IncidentArn };
    }
}
