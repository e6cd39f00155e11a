using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;

namespace Callout.Server.Incidents.Records;

sealed class GetIncidentRecord(IStore store) : IOperation<GetIncidentRecordInput, GetIncidentRecordOutput>
{
    public async Task<GetIncidentRecordOutput> HandleAsync(GetIncidentRecordInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var incident = await IncidentRecords.RequireAsync(session, context, request.Arn, ct);
        return new() { IncidentRecord = IncidentRecords.ToWire(incident, request.Arn) };
    }
}
