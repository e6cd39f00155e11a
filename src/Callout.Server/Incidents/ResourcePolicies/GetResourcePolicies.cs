using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Listing;

namespace Callout.Server.Incidents.ResourcePolicies;

/// A plan's policies in the order they were put, paged with a sealed nextToken bound to the plan.
sealed class GetResourcePolicies(IStore store, CursorTokens tokens) : IOperation<GetResourcePoliciesInput, GetResourcePoliciesOutput>
{
    public async Task<GetResourcePoliciesOutput> HandleAsync(GetResourcePoliciesInput request, RequestContext context, CancellationToken ct)
    {
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var plan = await ResponsePlans.ResponsePlans.FindAsync(session, context, request.ResourceArn, ct);
        var rows = await session.ListResponsePlanPoliciesAsync(plan.Name, cursor.After, cursor.Fetch, ct);
        var slice = cursor.Take(rows, p => p.PolicyId);
        return new()
        {
            ResourcePolicies = [.. slice.Items.Select(p => new ResourcePolicy
            {
                PolicyId = p.PolicyId,
                PolicyDocument = p.Document,
                RamResourceShareRegion = p.ShareRegion,
            })],
            NextToken = slice.NextToken,
        };
    }
}
