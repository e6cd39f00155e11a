using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;

namespace Callout.Server.Operations.Tags;

sealed class ListTagsForResource(IStore store) : IOperation<ListTagsForResourceRequest, ListTagsForResourceResult>
{
    public async Task<ListTagsForResourceResult> HandleAsync(ListTagsForResourceRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var arn = (await TaggedResources.RequireAsync(session, request.ResourceARN, context.Scope(), ct)).ToString();
        var tags = await session.GetTagsAsync(arn, ct);
        return new ListTagsForResourceResult { Tags = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() };
    }
}
