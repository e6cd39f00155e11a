using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Delivery;
using Callout.Server.Hosting;

namespace Callout.Server.Inbound;

/// The SMS channels behind a phone number, and their open pages (unread, in a running engagement,
/// the person not yet acknowledged). The store contract has no lookup by address across accounts
/// yet, so this scans the contacts of each account that recently texted the number
/// (RecipientScopes) and of the default account.
sealed class PhonePages(IContactStore store, RecipientScopes recipients, ServerOptions options)
{
    const int PagesPerPerson = 100;

    public sealed record Found(AccountScope Scope, ContactChannel Channel, IReadOnlyList<Page> OpenPages);

    public async Task<IReadOnlyList<Found>> FindAsync(string address, CancellationToken ct)
    {
        var scopes = recipients.For(address).Append(AccountScope.For(options.DefaultRegion, options.DefaultAccount)).Distinct();
        var found = new List<Found>();
        foreach (var scope in scopes)
        {
            await using var session = await store.OpenAsync(scope, write: false, ct);
            foreach (var channel in await ChannelsAsync(session, address, ct))
            {
                found.Add(new Found(scope, channel, await OpenPagesAsync(session, channel, ct)));
            }
        }
        return found;
    }

    static async Task<List<ContactChannel>> ChannelsAsync(IStoreSession session, string address, CancellationToken ct)
    {
        var channels = new List<ContactChannel>();
        string? after = null;
        while (true)
        {
            var contacts = await session.ListContactsAsync(null, ContactKind.Personal, after, 200, ct);
            foreach (var contact in contacts)
            {
                channels.AddRange((await session.ListChannelsAsync(contact.Alias, null, int.MaxValue, ct))
                    .Where(c => c.Kind == ChannelKind.Sms && string.Equals(c.Address, address, StringComparison.Ordinal)));
            }
            if (contacts.Count < 200)
            {
                return channels;
            }
            after = contacts[^1].Alias;
        }
    }

    static async Task<List<Page>> OpenPagesAsync(IStoreSession session, ContactChannel channel, CancellationToken ct)
    {
        var open = new List<Page>();
        foreach (var page in await session.ListPagesAsync(null, channel.ContactAlias, null, PagesPerPerson, ct))
        {
            if (page.ChannelId == channel.Id && page.ReadTime is null
                && await session.FindEngagementAsync(page.EngagementId, ct) is { Running: true }
                && !await session.IsAcknowledgedAsync(page.EngagementId, page.ContactAlias, ct))
            {
                open.Add(page);
            }
        }
        return open;
    }
}
