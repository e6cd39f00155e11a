using Callout.Domain;
using Callout.Domain.Ports;
using Callout.Domain.Tags;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Tags;

sealed class TagResource(IStore store, ServiceLimits limits) : IOperation<TagResourceRequest, TagResourceResult>
{
    public async Task<TagResourceResult> HandleAsync(TagResourceRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var arn = (await TaggedResources.RequireAsync(session, request.ResourceARN, context.Scope(), ct)).ToString();
        var existing = await session.GetTagsAsync(arn, ct);
        var merged = TagRules.Merge(existing, TaggedResources.Pairs(request.Tags).ToList(), arn, limits);
        await session.SetTagsAsync(arn, merged, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new TagResourceResult();
    }
}
