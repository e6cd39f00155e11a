using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Incidents.ResponsePlans;

/// The model lists no ResourceNotFoundException here, so deleting a plan that is not there (or not
/// the caller's) succeeds silently (docs/spec/incidents.md §4). Incidents of the plan keep its ARN;
/// its tags and resource policies go with it.
sealed class DeleteResponsePlan(IStore store) : IOperation<DeleteResponsePlanInput, DeleteResponsePlanOutput>
{
    public async Task<DeleteResponsePlanOutput> HandleAsync(DeleteResponsePlanInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (ResponsePlans.NameOf(context.Scope(), request.Arn) is { } name && await session.DeleteResponsePlanAsync(name, ct))
        {
            await session.SetTagsAsync(request.Arn, new Dictionary<string, string>(), ct);
        }
        await session.CommitAuditedAsync(context, request.Arn, ct);
        return new();
    }
}
