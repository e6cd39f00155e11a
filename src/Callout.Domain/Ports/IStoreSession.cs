using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Idempotency;
using Callout.Domain.Outbox;
using NodaTime;

namespace Callout.Domain.Ports;

/// Reads and writes within one account and region. Aliases and channel ids are the keys; ARNs are
/// built from the session's scope.
public interface IStoreSession : IEngagementSession, IRotationSession, IAsyncDisposable
{
    Task<Contact?> FindContactAsync(string alias, CancellationToken ct);

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

    /// The stored result of an earlier call with this token, if it is younger than `notBefore`.
    Task<IdempotencyRecord?> FindIdempotencyAsync(string operation, string token, Instant notBefore, CancellationToken ct);

    Task PutIdempotencyAsync(IdempotencyRecord record, CancellationToken ct);

    Task AppendOutboxAsync(OutboxMessage message, CancellationToken ct);

    Task CommitAsync(CancellationToken ct);

    /// Everything each send step decides on (SendState), in the order of the queries, in the order of the queries. A store that can send several
    /// queries in one round trip reads them together; this default reads them one by one.
    async Task<IReadOnlyList<SendState>> ReadSendStatesAsync(IReadOnlyList<SendQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var states = new List<SendState>(queries.Count);
        foreach (var (step, channelId, deliveryKey, owner) in queries)
        {
            ArgumentNullException.ThrowIfNull(step);
            states.Add(new SendState(
                await FindEngagementAsync(step.EngagementId, ct).ConfigureAwait(false),
                channelId is null ? null : await FindChannelAsync(channelId, ct).ConfigureAwait(false),
                step.ContactAlias is not null && await IsAcknowledgedAsync(step.EngagementId, step.ContactAlias, ct).ConfigureAwait(false),
                step.PageId is null ? null : await FindPageAsync(step.PageId, ct).ConfigureAwait(false),
                await FindDeliveryAsync(deliveryKey, ct).ConfigureAwait(false),
                await IsStepHeldAsync(step.Id, owner, ct).ConfigureAwait(false)));
        }
        return states;
    }
}
