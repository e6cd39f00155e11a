using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Pages;

/// The path from the engaged contact to the paged person, root first (docs/spec/domain.md §2.8). It is
/// a handful of entries, so it is always returned whole; a NextToken is only ever checked.
sealed class ListPageResolutions(IStore store, CursorTokens tokens) : IOperation<ListPageResolutionsRequest, ListPageResolutionsResult>
{
    public async Task<ListPageResolutionsResult> HandleAsync(ListPageResolutionsRequest request, RequestContext context, CancellationToken ct)
    {
        tokens.OpenKey(request.NextToken, context.Operation, request.PageId);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var page = await session.RequirePageAsync(request.PageId, context.Scope(), ct);
        return new ListPageResolutionsResult
        {
            PageResolutions = page.Resolution.Select(step => new ResolutionContact
            {
                ContactArn = ResourceArn.Contact(page.Arn.Scope, step.ContactAlias).ToString(),
                Type = WireNames.Of(step.Kind),
                StageIndex = step.StageIndex,
            }).ToList(),
        };
    }
}
