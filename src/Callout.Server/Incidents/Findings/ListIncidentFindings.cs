using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Incidents.Records;
using Callout.Server.Listing;

namespace Callout.Server.Incidents.Findings;

/// Findings come from AWS CodeDeploy and CloudFormation, which cannot reach a self-hosted
/// service: an incident has none (docs/spec/incidents.md §4). The incident must exist, as the
/// model's ResourceNotFoundException says, and a nextToken is checked like any other.
sealed class ListIncidentFindings(IStore store, CursorTokens tokens) : IOperation<ListIncidentFindingsInput, ListIncidentFindingsOutput>
{
    public async Task<ListIncidentFindingsOutput> HandleAsync(ListIncidentFindingsInput request, RequestContext context, CancellationToken ct)
    {
        tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        await IncidentRecords.RequireAsync(session, context, request.IncidentRecordArn, ct);
        return new() { Findings = [] };
    }
}
