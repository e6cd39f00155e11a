using Callout.Domain.Arns;
using Callout.Domain.Channels;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_channel_written_and_committed_is_read_back_whole()
    {
        await InsertAsync(Personal("jane"));
        var channel = Channel("jane", Id(1), T0 + Duration.FromMilliseconds(123), ChannelKind.Sms) with
        {
            ActivationCodeHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            ActivationCodeExpires = T0 + Duration.FromHours(24),
            ActivationCodesSent = [T0 + Duration.FromMinutes(1), T0 + Duration.FromMinutes(2) + Duration.FromMilliseconds(7)],
        };
        await CommitAsync(s => s.InsertChannelAsync(channel, None));

        var read = await QueryAsync(s => s.FindChannelAsync(Id(1), None));

        AssertSameChannel(channel, read!);
    }

    [Fact]
    public async Task a_channel_arn_is_built_from_the_scope_its_contact_and_its_id()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(s => s.InsertChannelAsync(Channel("jane", Id(1), T0), None));

        var read = await QueryAsync(s => s.FindChannelAsync(Id(1), None));

        Assert.Equal($"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:contact-channel/jane/{Id(1)}", read!.Arn.ToString());
        Assert.Equal(Id(1), read.Id);
        Assert.Equal("jane", read.ContactAlias);
    }

    [Fact]
    public async Task a_missing_channel_is_not_found()
    {
        Assert.Null(await QueryAsync(s => s.FindChannelAsync(Id(9), None)));
    }

    [Fact]
    public async Task channels_are_listed_in_creation_order_then_by_id()
    {
        await InsertAsync(Personal("jane"));
        // Inserted out of order; ids 2 and 4 share a creation time, so the id decides.
        await CommitAsync(async s =>
        {
            await s.InsertChannelAsync(Channel("jane", Id(3), T0 + Duration.FromSeconds(3)), None);
            await s.InsertChannelAsync(Channel("jane", Id(4), T0 + Duration.FromSeconds(1)), None);
            await s.InsertChannelAsync(Channel("jane", Id(1), T0 + Duration.FromSeconds(2)), None);
            await s.InsertChannelAsync(Channel("jane", Id(2), T0 + Duration.FromSeconds(1)), None);
        });

        var listed = await QueryAsync(s => s.ListChannelsAsync("jane", null, 10, None));

        Assert.Equal([Id(2), Id(4), Id(1), Id(3)], listed.Select(c => c.Id));
    }

    [Fact]
    public async Task channel_paging_starts_after_the_given_channel()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(async s =>
        {
            for (var i = 1; i <= 5; i++)
            {
                await s.InsertChannelAsync(Channel("jane", Id(i), T0 + Duration.FromSeconds(i)), None);
            }
        });

        var first = await QueryAsync(s => s.ListChannelsAsync("jane", null, 2, None));
        var second = await QueryAsync(s => s.ListChannelsAsync("jane", first[^1].Id, 2, None));
        var third = await QueryAsync(s => s.ListChannelsAsync("jane", second[^1].Id, 2, None));

        Assert.Equal([Id(1), Id(2)], first.Select(c => c.Id));
        Assert.Equal([Id(3), Id(4)], second.Select(c => c.Id));
        Assert.Equal([Id(5)], third.Select(c => c.Id));
    }

    [Fact]
    public async Task channels_are_listed_only_for_their_own_contact()
    {
        await InsertAsync(Personal("jane"), Personal("joe"));
        await CommitAsync(async s =>
        {
            await s.InsertChannelAsync(Channel("jane", Id(1), T0), None);
            await s.InsertChannelAsync(Channel("joe", Id(2), T0), None);
        });

        Assert.Equal([Id(1)], (await QueryAsync(s => s.ListChannelsAsync("jane", null, 10, None))).Select(c => c.Id));
        Assert.Equal([Id(2)], (await QueryAsync(s => s.ListChannelsAsync("joe", null, 10, None))).Select(c => c.Id));
    }

    [Fact]
    public async Task an_updated_channel_reads_back_with_its_new_state()
    {
        await InsertAsync(Personal("jane"));
        var channel = Channel("jane", Id(1), T0) with
        {
            ActivationCodeHash = "ab",
            ActivationCodeExpires = T0 + Duration.FromHours(1),
            ActivationCodesSent = [T0],
        };
        await CommitAsync(s => s.InsertChannelAsync(channel, None));
        var updated = channel with
        {
            Name = "work",
            Address = "jane@work.example.com",
            Activated = true,
            ActivationCodeHash = null,
            ActivationCodeExpires = null,
            ActivationCodesSent = [T0, T0 + Duration.FromMinutes(5)],
        };

        await CommitAsync(s => s.UpdateChannelAsync(updated, None));

        AssertSameChannel(updated, (await QueryAsync(s => s.FindChannelAsync(Id(1), None)))!);
    }

    [Fact]
    public async Task a_deleted_channel_is_gone_and_its_siblings_stay()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(async s =>
        {
            await s.InsertChannelAsync(Channel("jane", Id(1), T0), None);
            await s.InsertChannelAsync(Channel("jane", Id(2), T0 + Duration.FromSeconds(1)), None);
        });

        await CommitAsync(s => s.DeleteChannelAsync(Id(1), None));

        Assert.Null(await QueryAsync(s => s.FindChannelAsync(Id(1), None)));
        Assert.Equal([Id(2)], (await QueryAsync(s => s.ListChannelsAsync("jane", null, 10, None))).Select(c => c.Id));
    }

    static void AssertSameChannel(ContactChannel expected, ContactChannel actual)
    {
        Assert.Equal(expected.Arn, actual.Arn);
        Assert.Equal(expected.ContactAlias, actual.ContactAlias);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Address, actual.Address);
        Assert.Equal(expected.Activated, actual.Activated);
        Assert.Equal(expected.ActivationCodeHash, actual.ActivationCodeHash);
        Assert.Equal(expected.ActivationCodeExpires, actual.ActivationCodeExpires);
        Assert.Equal(expected.ActivationCodesSent, actual.ActivationCodesSent);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
    }
}
