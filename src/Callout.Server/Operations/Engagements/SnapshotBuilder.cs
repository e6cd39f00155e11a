using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using NodaTime;

namespace Callout.Server.Operations.Engagements;

/// Collects the plans an engagement can reach when it starts: the root's, those of every contact
/// its escalation stages name, and for on-call schedules those of every member of their rotations
/// (who is on call is decided later, but their plans are the ones in force at the start).
/// Contacts deleted since are left out and skipped later.
static class SnapshotBuilder
{
    public static async Task<EngagementSnapshot> BuildAsync(IStoreSession session, Contact root, CancellationToken ct)
    {
        var contacts = new Dictionary<string, ContactSnapshot>(StringComparer.Ordinal);
        await AddAsync(session, contacts, root, ct);
        if (root.Kind == ContactKind.Escalation)
        {
            foreach (var target in root.Plan.Stages.SelectMany(s => s.Targets).Select(t => t.Contact).OfType<Domain.Plans.ContactTarget>())
            {
                if (ResourceArn.TryParse(target.ContactArn, out var arn) && !contacts.ContainsKey(arn.Alias)
                    && await session.FindContactAsync(arn.Alias, ct) is { } reached)
                {
                    await AddAsync(session, contacts, reached, ct);
                }
            }
        }
        return new EngagementSnapshot(contacts);
    }

    static async Task AddAsync(IStoreSession session, Dictionary<string, ContactSnapshot> contacts, Contact contact, CancellationToken ct)
    {
        contacts[contact.Alias] = new(contact.Alias, contact.Kind, contact.Plan);
        if (contact.Kind != ContactKind.OncallSchedule)
        {
            return;
        }
        foreach (var rotationArn in contact.Plan.RotationIds)
        {
            if (!ResourceArn.TryParse(rotationArn, out var arn) || await session.FindRotationAsync(arn.Id, ct) is not { } rotation)
            {
                continue;
            }
            var members = new HashSet<string>(rotation.ContactAliases, StringComparer.Ordinal);
            foreach (var o in await session.ListOverridesAsync(rotation.Id, Instant.MinValue, Instant.MaxValue, ct))
            {
                members.UnionWith(o.Members);
            }
            foreach (var alias in members.Where(a => !contacts.ContainsKey(a)))
            {
                if (await session.FindContactAsync(alias, ct) is { Kind: ContactKind.Personal } person)
                {
                    contacts[alias] = new(alias, person.Kind, person.Plan);
                }
            }
        }
    }
}
