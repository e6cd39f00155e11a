using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Listing;

namespace Callout.Server.Incidents.Records;

/// The account's incidents, newest first, filtered as the model's keys say (IncidentFilters) and
/// paged by a sealed nextToken bound to the filters.
sealed class ListIncidentRecords(IStore store, CursorTokens tokens) : IOperation<ListIncidentRecordsInput, ListIncidentRecordsOutput>
{
    public async Task<ListIncidentRecordsOutput> HandleAsync(ListIncidentRecordsInput request, RequestContext context, CancellationToken ct)
    {
        var query = IncidentFilters.Read(request.Filters);
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: false, ct);
        var rows = await session.ListIncidentsAsync(query, TimeKeys.Parse(cursor.After), cursor.Fetch, ct);
        var slice = cursor.Take(rows, i => TimeKeys.Of(i.CreatedAt, i.Id));
        return new()
        {
            IncidentRecordSummaries = slice.Items.Select(i => IncidentRecords.ToSummary(i, IncidentArns.Incident(scope, i.PlanName, i.Id))).ToList(),
            NextToken = slice.NextToken,
        };
    }
}
