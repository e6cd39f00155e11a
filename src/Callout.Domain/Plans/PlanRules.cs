using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Errors;

namespace Callout.Domain.Plans;

/// What a plan may contain for each kind of contact (docs/spec/domain.md §2.1, §2.3).
public static class PlanRules
{
    /// Rules that need nothing but the plan itself.
    public static void CheckShape(ContactKind kind, Plan plan, ServiceLimits limits)
    {
        if (kind == ContactKind.OncallSchedule)
        {
            if (plan.Stages.Count > 0)
            {
                // The wording AWS uses (terraform-provider-aws issue 39758).
                throw new InvalidRequest("Invalid value provided - ONCALL SCHEDULE contact cannot have stages in plan", "plan.stages");
            }
            if (plan.RotationIds.Count > limits.RotationsPerSchedule)
            {
                throw new QuotaExceeded("L-SSMC-ROTATIONS-PER-SCHEDULE",
                    $"An on-call schedule can use at most {limits.RotationsPerSchedule} rotations.");
            }
            if (plan.RotationIds.Distinct(StringComparer.Ordinal).Count() != plan.RotationIds.Count)
            {
                throw new InvalidRequest("Plan.RotationIds lists the same rotation more than once.", "plan.rotationIds");
            }
            return;
        }
        if (plan.RotationIds.Count > 0)
        {
            throw new InvalidRequest("Only ONCALL_SCHEDULE contacts can have RotationIds in their plan.", "plan.rotationIds");
        }
        if (plan.Stages.Count > limits.StagesPerPlan)
        {
            throw new QuotaExceeded("L-SSMC-STAGES-PER-PLAN", $"A plan can have at most {limits.StagesPerPlan} stages.");
        }
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            CheckStage(kind, plan.Stages[i], i + 1, limits);
        }
    }

    static void CheckStage(ContactKind kind, Stage stage, int number, ServiceLimits limits)
    {
        var field = $"plan.stages.{number}.member";
        if (stage.DurationInMinutes == 0 && stage.Targets.Count == 0)
        {
            // Model: "The duration can only be set to 0 if a target is specified."
            throw new InvalidRequest($"Stage {number} has a DurationInMinutes of 0 and no targets; a stage of 0 minutes needs a target.", field);
        }
        if (stage.Targets.Count > limits.TargetsPerStage)
        {
            throw new QuotaExceeded("L-SSMC-TARGETS-PER-STAGE", $"A stage can have at most {limits.TargetsPerStage} targets.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in stage.Targets)
        {
            if ((target.Channel is null) == (target.Contact is null))
            {
                throw new InvalidRequest($"Each target in stage {number} needs exactly one of ChannelTargetInfo and ContactTargetInfo.", field);
            }
            if (kind == ContactKind.Personal && target.Channel is null)
            {
                throw new InvalidRequest("A PERSONAL contact's plan can only target its own contact channels (ChannelTargetInfo).", field);
            }
            if (kind == ContactKind.Escalation && target.Contact is null)
            {
                throw new InvalidRequest("An ESCALATION plan can only target contacts (ContactTargetInfo).", field);
            }
            if (target.Contact is { ContactArn.Length: 0 })
            {
                throw new InvalidRequest($"A ContactTargetInfo in stage {number} has no ContactId.", field);
            }
            var key = target.Channel?.ChannelArn ?? target.Contact!.ContactArn;
            if (!seen.Add(key))
            {
                throw new InvalidRequest($"Stage {number} targets {key} more than once.", field);
            }
        }
    }

    public static IEnumerable<string> ChannelReferences(Plan plan) =>
        plan.Stages.SelectMany(s => s.Targets).Where(t => t.Channel is not null).Select(t => t.Channel!.ChannelArn).Distinct(StringComparer.Ordinal);

    public static IEnumerable<string> ContactReferences(Plan plan) =>
        plan.Stages.SelectMany(s => s.Targets).Where(t => t.Contact is not null).Select(t => t.Contact!.ContactArn).Distinct(StringComparer.Ordinal);

    /// A personal plan's channels must exist and belong to the contact itself.
    public static void CheckChannel(string owner, string reference, ContactChannel? channel)
    {
        if (channel is null)
        {
            throw new InvalidRequest($"Contact channel {reference} in the plan does not exist.", "plan");
        }
        if (channel.ContactAlias != owner)
        {
            throw new InvalidRequest($"Contact channel {reference} belongs to another contact; a plan can only use the contact's own channels.", "plan");
        }
    }

    /// An escalation plan reaches people or on-call schedules, never another escalation plan,
    /// which keeps plans free of cycles (docs/spec/domain.md §2.1, our decision).
    public static void CheckContact(string owner, string reference, Contact? contact)
    {
        if (contact is null)
        {
            throw new InvalidRequest($"Contact {reference} in the plan does not exist.", "plan");
        }
        if (contact.Alias == owner)
        {
            throw new InvalidRequest("An escalation plan cannot target itself.", "plan");
        }
        if (contact.Kind == ContactKind.Escalation)
        {
            throw new InvalidRequest($"Contact {reference} is an escalation plan; escalation plans can only target PERSONAL or ONCALL_SCHEDULE contacts.", "plan");
        }
    }

    /// Plan references to other scopes or malformed ARNs are validation failures, not missing resources:
    /// the operation's own ContactId is the only thing ResourceNotFound may describe.
    public static ResourceArn ResolveReference(string reference, ResourceKind kind, AccountScope scope)
    {
        try
        {
            return ArnResolver.Resolve(reference, kind, scope, "plan");
        }
        catch (ResourceNotFound)
        {
            throw new InvalidRequest($"{reference} in the plan does not exist in this account and region.", "plan");
        }
    }
}
