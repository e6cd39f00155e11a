using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.ResponsePlans;

/// A plan's name is unique in the account (docs/spec/incidents.md §3): a second plan of that name
/// is a ConflictException, whatever region either call came from.
sealed class CreateResponsePlan(IStore store) : IOperation<CreateResponsePlanInput, CreateResponsePlanOutput>
{
    public async Task<CreateResponsePlanOutput> HandleAsync(CreateResponsePlanInput request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.ResponsePlan, ct) is { } replayed)
        {
            return new() { Arn = replayed };
        }
        var engagements = request.Engagements ?? [];
        await ResponsePlans.CheckEngagementsAsync(session, scope, engagements, ct);
        var now = context.Now();
        var plan = new Domain.Incidents.ResponsePlan(
            request.Name,
            ResponsePlanShapes.NoneIfEmpty(request.DisplayName),
            ResponsePlanShapes.Template(request.IncidentTemplate),
            engagements,
            ResponsePlanShapes.ChatChannelJson(request.ChatChannel),
            ResponsePlanShapes.ActionsJson(request.Actions),
            ResponsePlanShapes.IntegrationsJson(request.Integrations),
            now,
            now);
        var arn = IncidentArns.ResponsePlan(scope, plan.Name);
        if (!await session.InsertResponsePlanAsync(plan, ct))
        {
            throw new ResourceConflict(arn, ResourceTypes.ResponsePlan,
                $"The account already has a response plan named {plan.Name}, {arn}.");
        }
        if (request.Tags is { Count: > 0 } tags)
        {
            await session.SetTagsAsync(arn, tags, ct);
        }
        await Idempotency.RememberAsync(session, context, request.ClientToken, arn, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new() { Arn = arn };
    }
}
