using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;

namespace Callout.Server.Operations.Engagements;

/// Collects the plans an engagement can reach when it starts: the root's and those of every
/// contact its escalation stages name. Contacts deleted since are left out and skipped later.
static class SnapshotBuilder
{
    public static async Task<EngagementSnapshot> BuildAsync(IStoreSession session, Contact root, CancellationToken ct)
    {
        var contacts = new Dictionary<string, ContactSnapshot>(StringComparer.Ordinal)
        {
            [root.Alias] = new(root.Alias, root.Kind, root.Plan),
        };
        if (root.Kind == ContactKind.Escalation)
        {
            foreach (var target in root.Plan.Stages.SelectMany(s => s.Targets).Select(t => t.Contact).OfType<Domain.Plans.ContactTarget>())
            {
                if (ResourceArn.TryParse(target.ContactArn, out var arn) && !contacts.ContainsKey(arn.Alias)
                    && await session.FindContactAsync(arn.Alias, ct) is { } reached)
                {
                    contacts[reached.Alias] = new(reached.Alias, reached.Kind, reached.Plan);
                }
            }
        }
        // TODO(issue 5): schedules add the plans of their rotations' members.
        return new EngagementSnapshot(contacts);
    }
}
