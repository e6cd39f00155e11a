using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Pages;

/// In the order they happened.
sealed class ListPageReceipts(IStore store, CursorTokens tokens) : IOperation<ListPageReceiptsRequest, ListPageReceiptsResult>
{
    public async Task<ListPageReceiptsResult> HandleAsync(ListPageReceiptsRequest request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, request.PageId, request.MaxResults);
        var after = cursor.After is { } key ? long.Parse(key, CultureInfo.InvariantCulture) : (long?)null;
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var page = await session.RequirePageAsync(request.PageId, context.Scope(), ct);
        var (receipts, next) = cursor.Take(await session.ListReceiptsAsync(page.Id, after, cursor.Fetch, ct), r => r.Sequence.ToString(CultureInfo.InvariantCulture));
        return new ListPageReceiptsResult
        {
            Receipts = receipts.Select(r => new Receipt
            {
                ContactChannelArn = r.Receipt.ChannelId is { } channel ? ResourceArn.Channel(page.Arn.Scope, page.ContactAlias, channel).ToString() : null,
                ReceiptType = WireNames.Of(r.Receipt.Kind),
                ReceiptInfo = r.Receipt.Info,
                ReceiptTime = Times.Of(r.Receipt.Time),
            }).ToList(),
            NextToken = next,
        };
    }
}
