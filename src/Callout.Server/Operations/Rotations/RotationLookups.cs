using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;

namespace Callout.Server.Operations.Rotations;

static class RotationLookups
{
    public static async Task<Rotation> RequireRotationAsync(this IStoreSession session, string rotationId, AccountScope scope, CancellationToken ct)
    {
        var arn = ArnResolver.Resolve(rotationId, ResourceKind.Rotation, scope, "rotationId");
        return await session.FindRotationAsync(arn.Id, ct)
            ?? throw new ResourceNotFound(rotationId, ResourceTypes.Rotation, $"Rotation {rotationId} not found.");
    }

    /// Rotation members are existing PERSONAL contacts of the caller (docs/spec/rotations.md §5).
    public static async Task<List<string>> MemberAliasesAsync(this IStoreSession session, IReadOnlyList<string> contactIds, AccountScope scope, CancellationToken ct)
    {
        var aliases = new List<string>(contactIds.Count);
        foreach (var id in contactIds)
        {
            var arn = ArnResolver.Resolve(id, ResourceKind.Contact, scope, "contactIds");
            var contact = await session.FindContactAsync(arn.Alias, ct) ?? throw ResourceNotFound.Contact(id);
            if (contact.Kind != ContactKind.Personal)
            {
                throw new InvalidRequest("Invalid value provided - Only PERSONAL contacts can be added to a rotation", "contactIds");
            }
            aliases.Add(contact.Alias);
        }
        return aliases;
    }

    public static List<string> Arns(IEnumerable<string> aliases, AccountScope scope) =>
        aliases.Select(a => ResourceArn.Contact(scope, a).ToString()).ToList();

    public static RotationPlan Plan(Rotation rotation) =>
        new(rotation.ContactAliases, rotation.StartTime, RotationRules.ResolveZone(rotation.TimeZoneId), rotation.Recurrence);
}
