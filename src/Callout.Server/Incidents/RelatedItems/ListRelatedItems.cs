using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Incidents.Records;
using Callout.Server.Listing;

namespace Callout.Server.Incidents.RelatedItems;

/// An incident's related items in the order they were added, paged by a sealed nextToken. The
/// model lists no ResourceNotFoundException: an absent incident has none.
sealed class ListRelatedItems(IStore store, CursorTokens tokens) : IOperation<ListRelatedItemsInput, ListRelatedItemsOutput>
{
    public async Task<ListRelatedItemsOutput> HandleAsync(ListRelatedItemsInput request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var incident = await IncidentRecords.FindAsync(session, context, request.IncidentRecordArn, ct);
        var items = incident is null ? [] : await session.ListIncidentItemsAsync(incident.Id, ct);
        var after = TimeKeys.Parse(cursor.After);
        var rows = items
            .Where(i => after is not var (time, key) || i.AddedAt > time || (i.AddedAt == time && string.CompareOrdinal(i.IdentifierKey, key) > 0))
            .Take(cursor.Fetch)
            .ToList();
        var slice = cursor.Take(rows, i => TimeKeys.Of(i.AddedAt, i.IdentifierKey));
        return new() { RelatedItems = slice.Items.Select(RelatedItemRecords.FromStored).ToList(), NextToken = slice.NextToken };
    }
}
