using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using NodaTime;

namespace Callout.Domain.Ports;

/// Contacts and their channels, with the tags of any resource and the contacts' resource
/// policies, within one account and region. Aliases and channel ids are the keys.
public interface IContactSession
{
    Task<Contact?> FindContactAsync(string alias, CancellationToken ct);

    /// The contacts with these aliases, sorted by alias, in one read; aliases with no contact are
    /// left out. A new incident reads all its plan's contacts so.
    Task<IReadOnlyList<Contact>> FindContactsAsync(IReadOnlyCollection<string> aliases, CancellationToken ct);

    /// Contacts sorted by alias, starting after `afterAlias` when given, at most `limit` of them.
    Task<IReadOnlyList<Contact>> ListContactsAsync(string? aliasPrefix, ContactKind? kind, string? afterAlias, int limit, CancellationToken ct);

    Task<int> CountContactsAsync(CancellationToken ct);

    Task InsertContactAsync(Contact contact, Instant now, CancellationToken ct);

    Task UpdateContactAsync(Contact contact, Instant now, CancellationToken ct);

    /// Removes the contact with its channels, tags and policy.
    Task DeleteContactAsync(string alias, CancellationToken ct);

    Task<ContactChannel?> FindChannelAsync(string channelId, CancellationToken ct);

    /// The channels of this kind with exactly this address.
    Task<IReadOnlyList<ContactChannel>> FindChannelsByAddressAsync(ChannelKind kind, string address, CancellationToken ct);

    /// A contact's channels in creation order, starting after the channel `afterChannelId` when given.
    Task<IReadOnlyList<ContactChannel>> ListChannelsAsync(string contactAlias, string? afterChannelId, int limit, CancellationToken ct);

    Task InsertChannelAsync(ContactChannel channel, CancellationToken ct);

    Task UpdateChannelAsync(ContactChannel channel, CancellationToken ct);

    Task DeleteChannelAsync(string channelId, CancellationToken ct);

    /// Tags of a resource ARN, sorted by key.
    Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string resourceArn, CancellationToken ct);

    /// Replaces all tags of a resource ARN.
    Task SetTagsAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    Task<string?> GetPolicyAsync(string contactAlias, CancellationToken ct);

    Task PutPolicyAsync(string contactAlias, string policy, Instant now, CancellationToken ct);
}
