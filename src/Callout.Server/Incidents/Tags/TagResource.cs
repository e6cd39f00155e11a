using Callout.Domain;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Incidents.Tags;

sealed class TagResource(IStore store, ServiceLimits limits) : IOperation<TagResourceRequest, TagResourceResponse>
{
    public async Task<TagResourceResponse> HandleAsync(TagResourceRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var arn = await IncidentTagTargets.RequireAsync(session, context, request.ResourceArn, ct);
        var existing = await session.GetTagsAsync(arn, ct);
        await session.SetTagsAsync(arn, IncidentTagTargets.Merge(existing, request.Tags, arn, limits), ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new();
    }
}
