using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Listing;

namespace Callout.Server.Incidents.ReplicationSets;

/// The account's replication set, if any, paged like every listing (sealed nextToken).
sealed class ListReplicationSets(IStore store, CursorTokens tokens) : IOperation<ListReplicationSetsInput, ListReplicationSetsOutput>
{
    public async Task<ListReplicationSetsOutput> HandleAsync(ListReplicationSetsInput request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var set = await session.FindReplicationSetAsync(ct);
        var arns = set is null ? [] : new List<string> { IncidentArns.ReplicationSet(context.Scope(), set.Id) };
        var rows = arns.Where(a => cursor.After is null || string.CompareOrdinal(a, cursor.After) > 0).Take(cursor.Fetch).ToList();
        var slice = cursor.Take(rows, a => a);
        return new() { ReplicationSetArns = slice.Items, NextToken = slice.NextToken };
    }
}
