using Callout.Domain.Ports;
using Callout.Domain.Tags;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Incidents.Tags;

/// Removing a key that is not there is not an error, as with ssm-contacts.
sealed class UntagResource(IStore store) : IOperation<UntagResourceRequest, UntagResourceResponse>
{
    public async Task<UntagResourceResponse> HandleAsync(UntagResourceRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var arn = await IncidentTagTargets.RequireAsync(session, context, request.ResourceArn, ct);
        var existing = await session.GetTagsAsync(arn, ct);
        await session.SetTagsAsync(arn, TagRules.Remove(existing, request.TagKeys), ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new();
    }
}
