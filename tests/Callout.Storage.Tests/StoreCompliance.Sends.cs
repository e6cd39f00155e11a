using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// What the engine's sends read and write: the send state read in one go, a page's sent time,
/// and page sessions; and the sessions StartEngagement creates engagements in.
public abstract partial class StoreCompliance
{
    [Fact]
    public async Task the_send_state_of_a_step_before_anything_was_sent_has_no_page_and_no_delivery()
    {
        await SendSetUpAsync();
        await InsertStepsAsync(SendStep(Id(1), Id(100), T0, pageId: Id(2)));
        Assert.Single(await ClaimAsync(T0, "node-a/1"));

        var state = await QueryWriteAsync(s => ReadSendStateAsync(s, SendStep(Id(1), Id(100), T0, pageId: Id(2)), Id(900), $"{Id(2)}:0", "node-a/1"));

        Assert.Equal(Id(100), state.Engagement!.Id);
        Assert.True(state.Engagement.Running);
        Assert.Equal(Id(900), state.Channel!.Id);
        Assert.False(state.Acknowledged);
        Assert.Null(state.Page);
        Assert.Null(state.Delivery);
        Assert.True(state.Held);
    }

    [Fact]
    public async Task the_send_state_shows_the_page_the_delivery_record_the_acknowledgement_and_a_lost_claim()
    {
        await SendSetUpAsync();
        var page = NewPage(Id(2), Id(100), T0);
        await InsertPagesAsync(page);
        var pending = new DeliveryRecord($"{Id(2)}:1", Id(2), DeliveryStatus.Pending, null, T0);
        await CommitAsync(async s =>
        {
            await s.PutDeliveryAsync(pending, None);
            await s.AddAcknowledgementAsync(Id(100), "jane", T0, None);
        });
        var step = SendStep(Id(1), Id(100), T0, pageId: Id(2), attempt: 1);
        await InsertStepsAsync(step);
        Assert.Single(await ClaimAsync(T0, "node-a/1"));
        Assert.Single(await ClaimAsync(T0 + Lease, "node-b/7"));

        var state = await QueryWriteAsync(s => ReadSendStateAsync(s, step, Id(900), $"{Id(2)}:1", "node-a/1"));

        AssertSamePage(page, state.Page!);
        Assert.Equal(pending, state.Delivery);
        Assert.True(state.Acknowledged);
        Assert.False(state.Held);
        Assert.True((await QueryWriteAsync(s => ReadSendStateAsync(s, step, Id(900), $"{Id(2)}:1", "node-b/7"))).Held);
    }

    [Fact]
    public async Task the_send_state_of_unknown_records_is_empty()
    {
        var step = new SendPageStep(Id(1), Id(100), T0, Id(2), "nobody", "not-an-arn", 0, [], Essential: false);

        var state = await QueryWriteAsync(s => ReadSendStateAsync(s, step, null, "none:0", "node-a/1"));

        Assert.Equal(new SendState(null, null, false, null, null, false), state);
    }

    [Fact]
    public async Task the_send_states_of_several_steps_come_back_in_the_order_asked()
    {
        await SendSetUpAsync();
        await InsertPagesAsync(NewPage(Id(3), Id(100), T0));
        var delivered = new DeliveryRecord($"{Id(3)}:0", Id(3), DeliveryStatus.Sent, "m-1", T0);
        await CommitAsync(s => s.PutDeliveryAsync(delivered, None));
        var fresh = SendStep(Id(1), Id(100), T0, pageId: Id(2));
        var sent = SendStep(Id(4), Id(100), T0, pageId: Id(3));
        await InsertStepsAsync(fresh, sent);
        Assert.Equal(2, (await ClaimAsync(T0, "node-a/1")).Count);
        var unknown = new SendPageStep(Id(5), Id(101), T0, Id(6), "joe", "not-an-arn", 0, [], Essential: false);

        var states = await QueryWriteAsync(s => s.ReadSendStatesAsync(
            [
                new SendQuery(sent, Id(900), $"{Id(3)}:0", "node-a/1"),
                new SendQuery(unknown, null, $"{Id(6)}:0", "node-a/1"),
                new SendQuery(fresh, Id(900), $"{Id(2)}:0", "node-b/2"),
            ], None));

        Assert.Equal(3, states.Count);
        Assert.Equal(Id(3), states[0].Page!.Id);
        Assert.Equal(delivered, states[0].Delivery);
        Assert.True(states[0].Held);
        Assert.Equal(new SendState(null, null, false, null, null, false), states[1]);
        Assert.Equal(Id(100), states[2].Engagement!.Id);
        Assert.Equal(Id(900), states[2].Channel!.Id);
        Assert.Null(states[2].Page);
        Assert.Null(states[2].Delivery);
        Assert.False(states[2].Held);
        Assert.Empty(await QueryWriteAsync(s => s.ReadSendStatesAsync([], None)));
    }

    [Fact]
    public async Task a_session_on_several_pages_writes_them_all_and_commits_or_rolls_back_as_a_whole()
    {
        await using (var session = await Store.OpenPagesAsync(Scope, [Id(2), Id(3)], Ct))
        {
            await session.InsertPageAsync(NewPage(Id(2), Id(1), T0), None);
            await session.InsertPageAsync(NewPage(Id(3), Id(1), T0), None);
            await session.CommitAsync(None);
        }
        await using (var abandoned = await Store.OpenPagesAsync(Scope, [Id(4), Id(5)], Ct))
        {
            await abandoned.InsertPageAsync(NewPage(Id(4), Id(1), T0), None);
            await abandoned.InsertPageAsync(NewPage(Id(5), Id(1), T0), None);
        }

        Assert.NotNull(await QueryAsync(s => s.FindPageAsync(Id(2), None)));
        Assert.NotNull(await QueryAsync(s => s.FindPageAsync(Id(3), None)));
        Assert.Null(await QueryAsync(s => s.FindPageAsync(Id(4), None)));
        Assert.Null(await QueryAsync(s => s.FindPageAsync(Id(5), None)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenPagesAsync(Scope, [], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenPagesAsync(Scope, [Id(2), ""], Ct));
    }

    [Fact]
    public async Task marking_a_page_sent_sets_its_sent_time_and_keeps_its_other_times()
    {
        var page = NewPage(Id(2), Id(1), T0) with { DeliveryTime = T0 + Duration.FromSeconds(2), ReadTime = T0 + Duration.FromSeconds(3) };
        await InsertPagesAsync(page);

        await CommitAsync(s => s.MarkPageSentAsync(Id(2), T0 + Duration.FromSeconds(1), None));

        AssertSamePage(page with { SentTime = T0 + Duration.FromSeconds(1) }, (await QueryAsync(s => s.FindPageAsync(Id(2), None)))!);
    }

    [Fact]
    public async Task a_page_session_writes_in_its_scope_and_commits_or_rolls_back_as_a_whole()
    {
        await using (var session = await Store.OpenPagesAsync(Scope, [Id(2)], Ct))
        {
            await session.InsertPageAsync(NewPage(Id(2), Id(1), T0), None);
            await session.CommitAsync(None);
        }
        await using (var abandoned = await Store.OpenPagesAsync(Scope, [Id(3)], Ct))
        {
            await abandoned.InsertPageAsync(NewPage(Id(3), Id(1), T0), None);
        }

        Assert.NotNull(await QueryAsync(s => s.FindPageAsync(Id(2), None)));
        Assert.Null(await QueryAsync(s => s.FindPageAsync(Id(3), None)));
    }

    [Fact]
    public async Task a_create_session_commits_or_rolls_back_as_a_whole_with_or_without_a_token()
    {
        await using (var session = await Store.OpenCreateAsync(Scope, "StartEngagement", "token-1", Ct))
        {
            await session.InsertContactAsync(Personal("jane"), T0, None);
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenCreateAsync(Scope, "StartEngagement", null, Ct))
        {
            await session.InsertContactAsync(Personal("joe"), T0, None);
            await session.CommitAsync(None);
        }
        await using (var abandoned = await Store.OpenCreateAsync(Scope, "StartEngagement", "token-2", Ct))
        {
            await abandoned.InsertContactAsync(Personal("ghost"), T0, None);
        }

        Assert.NotNull(await QueryAsync(s => s.FindContactAsync("jane", None)));
        Assert.NotNull(await QueryAsync(s => s.FindContactAsync("joe", None)));
        Assert.Null(await QueryAsync(s => s.FindContactAsync("ghost", None)));
    }

    [Fact]
    public async Task a_read_session_cannot_lock_a_page()
    {
        await using var session = await ReadAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.LockPageAsync(Id(1), None));
    }

    static async Task<SendState> ReadSendStateAsync(IStoreSession session, SendPageStep step, string? channelId, string deliveryKey, string owner) =>
        (await session.ReadSendStatesAsync([new SendQuery(step, channelId, deliveryKey, owner)], None))[0];

    /// A running engagement Id(100) of jane, with her channel Id(900).
    async Task SendSetUpAsync()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(s => s.InsertChannelAsync(Channel("jane", Id(900), T0), None));
        await InsertEngagementsAsync(NewEngagement(Id(100), T0));
    }
}
