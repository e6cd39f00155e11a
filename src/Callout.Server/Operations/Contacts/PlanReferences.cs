using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Plans;
using Callout.Domain.Ports;

namespace Callout.Server.Operations.Contacts;

/// Loads what a plan points at and applies the reference rules of docs/spec/domain.md §2.3: channels of
/// the contact itself, people or schedules for escalations, existing rotations for schedules.
static class PlanReferences
{
    public static async Task CheckAsync(IStoreSession session, string owner, Plan plan, AccountScope scope, CancellationToken ct)
    {
        foreach (var reference in PlanRules.ChannelReferences(plan))
        {
            var arn = PlanRules.ResolveReference(reference, ResourceKind.ContactChannel, scope);
            var channel = await session.FindChannelAsync(arn.Id, ct);
            PlanRules.CheckChannel(owner, reference, channel is not null && channel.ContactAlias == arn.Alias ? channel : null);
        }
        foreach (var reference in PlanRules.ContactReferences(plan))
        {
            var arn = PlanRules.ResolveReference(reference, ResourceKind.Contact, scope);
            PlanRules.CheckContact(owner, reference, await session.FindContactAsync(arn.Alias, ct));
        }
        foreach (var reference in plan.RotationIds)
        {
            // CreateContact models no ResourceNotFound: a missing rotation is a validation failure.
            var arn = PlanRules.ResolveReference(reference, ResourceKind.Rotation, scope);
            if (await session.FindRotationAsync(arn.Id, ct) is null)
            {
                throw new InvalidRequest($"Rotation {reference} in the plan does not exist.", "plan.rotationIds");
            }
        }
    }
}
