using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Listing;

namespace Callout.Server.Incidents.ResponsePlans;

/// The account's plans in name order, paged with a sealed nextToken that holds the last name.
sealed class ListResponsePlans(IStore store, CursorTokens tokens) : IOperation<ListResponsePlansInput, ListResponsePlansOutput>
{
    public async Task<ListResponsePlansOutput> HandleAsync(ListResponsePlansInput request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: false, ct);
        var rows = await session.ListResponsePlansAsync(cursor.After, cursor.Fetch, ct);
        var slice = cursor.Take(rows, p => p.Name);
        return new()
        {
            ResponsePlanSummaries = [.. slice.Items.Select(p => new ResponsePlanSummary
            {
                Arn = IncidentArns.ResponsePlan(scope, p.Name),
                Name = p.Name,
                DisplayName = p.DisplayName,
            })],
            NextToken = slice.NextToken,
        };
    }
}
