using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Pages;

/// In the order they happened.
sealed class ListPageReceipts(IContactStore store, PageTokens tokens) : IOperation<ListPageReceiptsRequest, ListPageReceiptsResult>
{
    public async Task<ListPageReceiptsResult> HandleAsync(ListPageReceiptsRequest request, RequestContext context, CancellationToken ct)
    {
        var after = tokens.Open(request.NextToken, context.Operation, request.PageId) is { } key ? long.Parse(key, CultureInfo.InvariantCulture) : (long?)null;
        var size = PageSize.Of(request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var page = await session.RequirePageAsync(request.PageId, context.Scope(), ct);
        var found = await session.ListReceiptsAsync(page.Id, after, size + 1, ct);
        var shown = found.Take(size).ToList();
        return new ListPageReceiptsResult
        {
            Receipts = shown.Select(r => new Receipt
            {
                ContactChannelArn = r.Receipt.ChannelId is { } channel ? ResourceArn.Channel(page.Arn.Scope, page.ContactAlias, channel).ToString() : null,
                ReceiptType = WireNames.Of(r.Receipt.Kind),
                ReceiptInfo = r.Receipt.Info,
                ReceiptTime = Times.Of(r.Receipt.Time),
            }).ToList(),
            NextToken = found.Count > size
                ? tokens.Issue(context.Operation, request.PageId, shown[^1].Sequence.ToString(CultureInfo.InvariantCulture))
                : null,
        };
    }
}
