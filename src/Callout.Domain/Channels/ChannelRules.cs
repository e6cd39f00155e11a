using System.Text.RegularExpressions;
using Callout.Domain.Errors;

namespace Callout.Domain.Channels;

public static partial class ChannelRules
{
    /// SMS and VOICE numbers are E.164: '+', a country code that does not start with 0, at most 15 digits.
    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    /// A pragmatic address check: one '@', a dotted domain, no spaces or control characters.
    [GeneratedRegex(@"^[^@\s\p{C}]+@[^@\s\p{C}.]+(\.[^@\s\p{C}.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    public static void CheckAddress(ChannelKind kind, string address)
    {
        var ok = kind == ChannelKind.Email ? Email().IsMatch(address) : E164().IsMatch(address);
        if (!ok)
        {
            throw new InvalidRequest(kind == ChannelKind.Email
                ? $"'{address}' is not a valid email address."
                : $"'{address}' is not a phone number in E.164 format, such as +15005550199.",
                "deliveryAddress.simpleAddress");
        }
    }

    /// Within one contact, channel names are unique and so is each type-and-address pair.
    public static void CheckUnique(IEnumerable<ContactChannel> siblings, string? exceptId, string name, ChannelKind kind, string address)
    {
        foreach (var other in siblings.Where(c => c.Id != exceptId))
        {
            if (other.Name == name)
            {
                throw new ResourceConflict(other.Arn.ToString(), ResourceTypes.ContactChannel,
                    $"The contact already has a channel named '{name}'.");
            }
            if (other.Kind == kind && string.Equals(other.Address, address, StringComparison.OrdinalIgnoreCase))
            {
                throw new ResourceConflict(other.Arn.ToString(), ResourceTypes.ContactChannel,
                    $"The contact already has a {ExternalNames.ChannelKinds.Of(kind)} channel for this address.");
            }
        }
    }

    public static void CheckOwner(Contacts.ContactKind ownerKind)
    {
        if (ownerKind != Contacts.ContactKind.Personal)
        {
            throw new InvalidRequest("Only PERSONAL contacts have contact channels.", "contactId");
        }
    }
}
