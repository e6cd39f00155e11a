using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Incidents.Records;

namespace Callout.Server.Incidents.Findings;

/// No incident has findings (ListIncidentFindings), so every id asked for is reported back as an
/// error entry, as the model's errors list does for an id it cannot find.
sealed class BatchGetIncidentFindings(IStore store) : IOperation<BatchGetIncidentFindingsInput, BatchGetIncidentFindingsOutput>
{
    public async Task<BatchGetIncidentFindingsOutput> HandleAsync(BatchGetIncidentFindingsInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        await IncidentRecords.RequireAsync(session, context, request.IncidentRecordArn, ct);
        return new()
        {
            Findings = [],
            Errors = request.FindingIds.Distinct(StringComparer.Ordinal)
                .Select(id => new BatchGetIncidentFindingsError { Code = "ResourceNotFoundException", FindingId = id, Message = $"Finding {id} not found." })
                .ToList(),
        };
    }
}
