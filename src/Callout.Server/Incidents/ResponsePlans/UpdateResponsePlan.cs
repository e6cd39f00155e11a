using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;

namespace Callout.Server.Incidents.ResponsePlans;

/// Each member given replaces the plan's; members left out keep their value. The template comes
/// flattened (incidentTemplateTitle, …). Emptiness clears (docs/decisions.md, Response plans): the
/// model's `{"empty": {}}` chat channel removes it, as its docs say, and likewise an empty list or
/// map (engagements, actions, integrations, notification targets, template tags) and an empty
/// display name, summary or dedupe string remove theirs, as Terraform's provider sends them to
/// remove an argument.
sealed class UpdateResponsePlan(IStore store) : IOperation<UpdateResponsePlanInput, UpdateResponsePlanOutput>
{
    public async Task<UpdateResponsePlanOutput> HandleAsync(UpdateResponsePlanInput request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.ResponsePlan, ct) is not null)
        {
            return new();
        }
        var plan = await ResponsePlans.FindAsync(session, context, request.Arn, ct);
        if (request.Engagements is { } engagements)
        {
            await ResponsePlans.CheckEngagementsAsync(session, context.Scope(), engagements, ct);
        }
        var template = plan.Template with
        {
            Title = request.IncidentTemplateTitle ?? plan.Template.Title,
            Impact = request.IncidentTemplateImpact ?? plan.Template.Impact,
            Summary = request.IncidentTemplateSummary is { } summary ? ResponsePlanShapes.NoneIfEmpty(summary) : plan.Template.Summary,
            DedupeString = request.IncidentTemplateDedupeString is { } dedupe ? ResponsePlanShapes.NoneIfEmpty(dedupe) : plan.Template.DedupeString,
            IncidentTags = request.IncidentTemplateTags ?? plan.Template.IncidentTags,
            NotificationTargets = ResponsePlanShapes.Targets(request.IncidentTemplateNotificationTargets) ?? plan.Template.NotificationTargets,
        };
        await session.UpdateResponsePlanAsync(plan with
        {
            DisplayName = request.DisplayName is { } displayName ? ResponsePlanShapes.NoneIfEmpty(displayName) : plan.DisplayName,
            Template = template,
            Engagements = request.Engagements ?? plan.Engagements,
            ChatChannelJson = request.ChatChannel is { } channel ? ResponsePlanShapes.ChatChannelJson(channel) : plan.ChatChannelJson,
            ActionsJson = request.Actions is { } actions ? ResponsePlanShapes.ActionsJson(actions) : plan.ActionsJson,
            IntegrationsJson = request.Integrations is { } integrations ? ResponsePlanShapes.IntegrationsJson(integrations) : plan.IntegrationsJson,
            ModifiedAt = context.Now(),
        }, ct);
        await Idempotency.RememberAsync(session, context, request.ClientToken, request.Arn, ct);
        await session.CommitAuditedAsync(context, request.Arn, ct);
        return new();
    }
}
