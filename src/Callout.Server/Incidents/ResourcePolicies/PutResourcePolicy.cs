using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Incidents.ResponsePlans;

namespace Callout.Server.Incidents.ResourcePolicies;

/// Each call adds a policy with a new id; the region of the call is its ramResourceShareRegion.
sealed class PutResourcePolicy(IStore store, TimeProvider time) : IOperation<PutResourcePolicyInput, PutResourcePolicyOutput>
{
    public async Task<PutResourcePolicyOutput> HandleAsync(PutResourcePolicyInput request, RequestContext context, CancellationToken ct)
    {
        ResourcePolicies.CheckDocument(request.Policy);
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var plan = await ResponsePlans.ResponsePlans.FindAsync(session, context, request.ResourceArn, ct);
        if (await session.CountResponsePlanPoliciesAsync(plan.Name, ct) >= ResourcePolicies.MaxPerPlan)
        {
            throw new InvalidRequest(
                $"Response plan {request.ResourceArn} already has {ResourcePolicies.MaxPerPlan} resource policies, the most it may have.", "resourceArn");
        }
        var policy = new ResponsePlanPolicy(plan.Name, Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), request.Policy, context.Region, context.Now());
        await session.InsertResponsePlanPolicyAsync(policy, ct);
        await session.CommitAuditedAsync(context, request.ResourceArn, ct);
        return new() { PolicyId = policy.PolicyId };
    }
}
