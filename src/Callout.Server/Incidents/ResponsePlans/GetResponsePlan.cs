using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;

namespace Callout.Server.Incidents.ResponsePlans;

/// The plan as stored, its inert members (chatChannel, actions, integrations) as they were sent.
sealed class GetResponsePlan(IStore store) : IOperation<GetResponsePlanInput, GetResponsePlanOutput>
{
    public async Task<GetResponsePlanOutput> HandleAsync(GetResponsePlanInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var plan = await ResponsePlans.FindAsync(session, context, request.Arn, ct);
        return ResponsePlanShapes.Output(plan, request.Arn);
    }
}
