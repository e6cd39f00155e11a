using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;

namespace Callout.Server.Incidents.Tags;

sealed class ListTagsForResource(IStore store) : IOperation<ListTagsForResourceRequest, ListTagsForResourceResponse>
{
    public async Task<ListTagsForResourceResponse> HandleAsync(ListTagsForResourceRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var arn = await IncidentTagTargets.RequireAsync(session, context, request.ResourceArn, ct);
        var tags = await session.GetTagsAsync(arn, ct);
        return new() { Tags = tags.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) };
    }
}
