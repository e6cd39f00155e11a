using Callout.Domain.Ports;
using Callout.Domain.Tags;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Tags;

/// Removing a key that is not there is not an error.
sealed class UntagResource(IStore store) : IOperation<UntagResourceRequest, UntagResourceResult>
{
    public async Task<UntagResourceResult> HandleAsync(UntagResourceRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var arn = (await TaggedResources.RequireAsync(session, request.ResourceARN, context.Scope(), ct)).ToString();
        var existing = await session.GetTagsAsync(arn, ct);
        await session.SetTagsAsync(arn, TagRules.Remove(existing, request.TagKeys), ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new UntagResourceResult();
    }
}
