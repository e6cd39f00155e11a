using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Incidents.Records;

/// The model lists no ResourceNotFoundException: deleting an absent incident succeeds
/// (docs/spec/incidents.md §4). The incident's engagements are ssm-contacts records and stay, as
/// they would after any incident; its timeline, related items and tags go with it.
sealed class DeleteIncidentRecord(IStore store) : IOperation<DeleteIncidentRecordInput, DeleteIncidentRecordOutput>
{
    public async Task<DeleteIncidentRecordOutput> HandleAsync(DeleteIncidentRecordInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await IncidentRecords.FindAsync(session, context, request.Arn, ct) is { } incident)
        {
            await session.DeleteIncidentAsync(incident.Id, ct);
            await session.SetTagsAsync(request.Arn, new Dictionary<string, string>(), ct);
        }
        await session.CommitAuditedAsync(context, request.Arn, ct);
        return new();
    }
}
