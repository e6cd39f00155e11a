using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Incidents.ResourcePolicies;

/// The model lists ResourceNotFoundException here: an unknown plan or policy id is one.
sealed class DeleteResourcePolicy(IStore store) : IOperation<DeleteResourcePolicyInput, DeleteResourcePolicyOutput>
{
    public async Task<DeleteResourcePolicyOutput> HandleAsync(DeleteResourcePolicyInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var plan = await ResponsePlans.ResponsePlans.FindAsync(session, context, request.ResourceArn, ct);
        if (!await session.DeleteResponsePlanPolicyAsync(plan.Name, request.PolicyId, ct))
        {
            throw ResourcePolicies.PolicyNotFound(request.PolicyId, request.ResourceArn);
        }
        await session.CommitAuditedAsync(context, request.ResourceArn, ct);
        return new();
    }
}
