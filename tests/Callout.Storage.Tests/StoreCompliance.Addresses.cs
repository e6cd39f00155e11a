using Callout.Domain.Arns;
using Callout.Domain.Channels;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// An inbound SMS names only the phone numbers: the store finds the channels behind a number in
/// every scope, and the unread pages of a channel in running engagements.
public abstract partial class StoreCompliance
{
    [Fact]
    public async Task the_scopes_and_channels_behind_an_address_are_found_by_kind()
    {
        var other = AccountScope.For("eu-west-1", NewAccountId());
        await InsertAsync(Personal("jane"));
        await InsertAsync(other, Personal("joe", scope: other));
        await CommitAsync(async s =>
        {
            await s.InsertChannelAsync(Channel("jane", Id(1), T0, ChannelKind.Sms), None);
            await s.InsertChannelAsync(Channel("jane", Id(2), T0, ChannelKind.Voice), None);
        });
        await CommitAsync(other, s => s.InsertChannelAsync(Channel("joe", Id(3), T0, ChannelKind.Sms, other), None));

        var scopes = await Store.ScopesWithAddressAsync(ChannelKind.Sms, "+15005550199", None);
        Assert.Contains(Scope, scopes);
        Assert.Contains(other, scopes);
        Assert.DoesNotContain(await Store.ScopesWithAddressAsync(ChannelKind.Sms, "+15005550100", None), s => s == Scope || s == other);

        var mine = await QueryAsync(s => s.FindChannelsByAddressAsync(ChannelKind.Sms, "+15005550199", None));
        Assert.Equal([Id(1)], mine.Select(c => c.Id));
    }

    [Fact]
    public async Task the_unread_pages_of_a_channel_in_running_engagements_come_newest_first()
    {
        await InsertAsync(Personal("jane"));
        await InsertEngagementsAsync(NewEngagement(Id(100), T0), NewEngagement(Id(101), T0));
        await InsertPagesAsync(
            NewPage(Id(1), Id(100), T0, channelId: Id(50)),
            NewPage(Id(2), Id(100), T0 + Duration.FromMinutes(1), channelId: Id(50)),
            NewPage(Id(3), Id(100), T0 + Duration.FromMinutes(2), channelId: Id(51)),
            NewPage(Id(4), Id(101), T0 + Duration.FromMinutes(3), channelId: Id(50)));
        await CommitAsync(async s =>
        {
            var read = (await s.FindPageAsync(Id(1), None))!;
            await s.UpdatePageAsync(read with { ReadTime = T0 + Duration.FromMinutes(5) }, None);
            await s.StopEngagementAsync(Id(101), T0 + Duration.FromMinutes(5), null, None);
        });

        var unread = await QueryAsync(s => s.UnreadPagesOfChannelAsync(Id(50), None));

        Assert.Equal([Id(2)], unread.Select(p => p.Id));
    }
}
