using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;

namespace Callout.Server.Inbound;

/// The SMS channels behind a phone number, in every account that pages it, and their open pages:
/// unread, in a running engagement, the person not yet acknowledged.
sealed class PhonePages(IStore store)
{
    public sealed record Found(AccountScope Scope, ContactChannel Channel, IReadOnlyList<Page> OpenPages);

    public async Task<IReadOnlyList<Found>> FindAsync(string address, CancellationToken ct)
    {
        var found = new List<Found>();
        foreach (var scope in await store.ScopesWithAddressAsync(ChannelKind.Sms, address, ct))
        {
            await using var session = await store.OpenAsync(scope, write: false, ct);
            foreach (var channel in await session.FindChannelsByAddressAsync(ChannelKind.Sms, address, ct))
            {
                var open = new List<Page>();
                foreach (var page in await session.UnreadPagesOfChannelAsync(channel.Id, ct))
                {
                    if (!await session.IsAcknowledgedAsync(page.EngagementId, page.ContactAlias, ct))
                    {
                        open.Add(page);
                    }
                }
                found.Add(new Found(scope, channel, open));
            }
        }
        return found;
    }
}
