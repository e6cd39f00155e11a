using Callout.Domain.Engagements;
using Callout.Domain.Idempotency;
using Callout.Domain.Incidents;
using Callout.Domain.Outbox;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// The retention purge (IRetentionStore): old finished things go with their parts, running, open
/// and young ones stay, and each call removes at most its batch, oldest first.
public abstract partial class StoreCompliance
{
    static readonly Instant Cut = T0 + Duration.FromHours(1);

    /// An engagement with one page, a receipt, a delivery record, an acknowledgement and a step,
    /// started at T0 and stopped at `stoppedAt` (running when null); the step stays pending when
    /// `pendingStep`, else it is cancelled as a stop does.
    async Task InsertEngagementWithPartsAsync(int n, Instant? stoppedAt, bool pendingStep = false, Instant? start = null)
    {
        string engagement = Id(n), page = Id(n + 1), step = Id(n + 2);
        await CommitAsync(async s =>
        {
            await s.InsertEngagementAsync(NewEngagement(engagement, start ?? T0), NewSnapshot(), None);
            await s.InsertPageAsync(NewPage(page, engagement, start ?? T0), None);
            await s.AddReceiptAsync(new Receipt(page, Id(900), ReceiptKind.Sent, null, start ?? T0), None);
            await s.PutDeliveryAsync(new DeliveryRecord("delivery-" + page, page, DeliveryStatus.Sent, "m-1", start ?? T0), None);
            await s.AddAcknowledgementAsync(engagement, "jane", start ?? T0, None);
            await s.InsertStepsAsync([SendStep(step, engagement, (start ?? T0) + Duration.FromDays(30), pageId: page)], None);
            if (stoppedAt is { } stop)
            {
                await s.StopEngagementAsync(engagement, stop, "done", None);
                if (!pendingStep)
                {
                    await s.CancelStepsAsync(engagement, None);
                }
            }
        });
    }

    async Task AssertEngagementKeptAsync(int n)
    {
        await using var s = await ReadAsync();
        Assert.NotNull(await s.FindEngagementAsync(Id(n), None));
        Assert.NotNull(await s.FindPageAsync(Id(n + 1), None));
        Assert.Single(await s.ListReceiptsAsync(Id(n + 1), null, 10, None));
        Assert.NotNull(await s.FindDeliveryAsync("delivery-" + Id(n + 1), None));
        Assert.True(await s.IsAcknowledgedAsync(Id(n), "jane", None));
    }

    [Fact]
    public async Task an_engagement_stopped_before_the_cut_goes_with_its_pages_receipts_deliveries_acknowledgements_and_steps()
    {
        await InsertEngagementWithPartsAsync(10, stoppedAt: T0 + Duration.FromMinutes(5));

        Assert.Equal(1, await Store.PurgeEngagementsAsync(Cut, 10, None));

        await using var s = await ReadAsync();
        Assert.Null(await s.FindEngagementAsync(Id(10), None));
        Assert.Null(await s.FindSnapshotAsync(Id(10), None));
        Assert.Null(await s.FindPageAsync(Id(11), None));
        Assert.Empty(await s.ListReceiptsAsync(Id(11), null, 10, None));
        Assert.Null(await s.FindDeliveryAsync("delivery-" + Id(11), None));
        Assert.False(await s.IsAcknowledgedAsync(Id(10), "jane", None));
        Assert.Empty(await s.ListEngagementsAsync(null, null, null, null, 10, None));
    }

    [Fact]
    public async Task running_engagements_young_ones_and_stopped_ones_with_a_pending_step_stay()
    {
        await InsertEngagementWithPartsAsync(10, stoppedAt: null);
        await InsertEngagementWithPartsAsync(20, stoppedAt: Cut + Duration.FromMinutes(1));
        await InsertEngagementWithPartsAsync(30, stoppedAt: T0 + Duration.FromMinutes(5), pendingStep: true);
        await InsertEngagementWithPartsAsync(40, stoppedAt: Cut);

        Assert.Equal(0, await Store.PurgeEngagementsAsync(Cut, 10, None));

        foreach (var n in new[] { 10, 20, 30, 40 })
        {
            await AssertEngagementKeptAsync(n);
        }
        // The pending steps, of the running engagement and the stopped one, are still there for the engine.
        Assert.Equal([Id(12), Id(32)], (await Store.ClaimDueStepsAsync(T0 + Duration.FromDays(31), "node", T0 + Duration.FromDays(32), 10, None))
            .Select(c => c.Step.Id));
    }

    [Fact]
    public async Task each_engagement_purge_takes_at_most_its_batch_oldest_stop_first()
    {
        for (var i = 0; i < 5; i++)
        {
            // Stopped in the reverse order of their ids, so the order is the stop time's.
            await InsertEngagementWithPartsAsync(100 + 10 * i, stoppedAt: T0 + Duration.FromMinutes(50 - i));
        }

        Assert.Equal(2, await Store.PurgeEngagementsAsync(Cut, 2, None));
        var left = await QueryAsync(s => s.ListEngagementsAsync(null, null, null, null, 10, None));
        Assert.Equal([Id(100), Id(110), Id(120)], left.Select(e => e.Arn.Id).Order());

        Assert.Equal(2, await Store.PurgeEngagementsAsync(Cut, 2, None));
        Assert.Equal(1, await Store.PurgeEngagementsAsync(Cut, 2, None));
        Assert.Equal(0, await Store.PurgeEngagementsAsync(Cut, 2, None));
    }

    [Fact]
    public async Task engagements_of_every_scope_are_purged()
    {
        var other = Domain.Arns.AccountScope.For("eu-west-1", NewAccountId());
        await InsertEngagementWithPartsAsync(10, stoppedAt: T0);
        await CommitAsync(other, async s =>
        {
            await s.InsertEngagementAsync(NewEngagement(Id(50), T0, scope: other), NewSnapshot(), None);
            await s.StopEngagementAsync(Id(50), T0, null, None);
        });

        Assert.Equal(2, await Store.PurgeEngagementsAsync(Cut, 10, None));

        Assert.Null(await QueryAsync(other, s => s.FindEngagementAsync(Id(50), None)));
        Assert.Null(await QueryAsync(s => s.FindEngagementAsync(Id(10), None)));
    }

    static Incident ResolvedIncident(string id, Instant resolvedAt) =>
        NewIncident(id, at: resolvedAt - Duration.FromMinutes(1), status: IncidentStatus.Resolved);

    [Fact]
    public async Task a_resolved_incident_goes_with_its_timeline_and_related_items_while_open_and_young_ones_stay()
    {
        await CommitAsync(async s =>
        {
            await s.InsertIncidentAsync(ResolvedIncident(Id(1), T0), None);
            await s.InsertIncidentEventAsync(NewEvent(Id(1), Id(11), T0), None);
            await s.InsertIncidentItemAsync(new IncidentItem(Id(1), "OTHER|url|https://a", "{}", T0), None);
            await s.InsertIncidentAsync(NewIncident(Id(2), at: T0 - Duration.FromDays(400)), None);
            await s.InsertIncidentEventAsync(NewEvent(Id(2), Id(21), T0), None);
            await s.InsertIncidentAsync(ResolvedIncident(Id(3), Cut + Duration.FromMinutes(2)), None);
        });

        Assert.Equal(1, await Store.PurgeIncidentsAsync(Cut, 10, None));

        await using var read = await ReadAsync();
        Assert.Null(await read.FindIncidentAsync(Id(1), None));
        Assert.Empty(await read.ListIncidentEventsAsync(Id(1), None));
        Assert.Empty(await read.ListIncidentItemsAsync(Id(1), None));
        Assert.NotNull(await read.FindIncidentAsync(Id(2), None));
        Assert.Single(await read.ListIncidentEventsAsync(Id(2), None));
        Assert.NotNull(await read.FindIncidentAsync(Id(3), None));
    }

    [Fact]
    public async Task each_incident_purge_takes_at_most_its_batch()
    {
        await CommitAsync(async s =>
        {
            for (var i = 0; i < 3; i++)
            {
                await s.InsertIncidentAsync(ResolvedIncident(Id(i), T0 + Duration.FromMinutes(i)), None);
            }
        });

        Assert.Equal(2, await Store.PurgeIncidentsAsync(Cut, 2, None));
        Assert.NotNull(await QueryAsync(s => s.FindIncidentAsync(Id(2), None)));
        Assert.Equal(1, await Store.PurgeIncidentsAsync(Cut, 2, None));
        Assert.Equal(0, await Store.PurgeIncidentsAsync(Cut, 2, None));
    }

    OutboxMessage Outboxed(string id, Instant at) =>
        new(id, Scope.AccountId, Scope.Region, "PAGE", "EMAIL", "jane@example.com", "Subject", "Body", at);

    [Fact]
    public async Task outbox_messages_stored_before_the_cut_go_oldest_first_in_batches()
    {
        await CommitAsync(async s =>
        {
            for (var i = 0; i < 3; i++)
            {
                await s.AppendOutboxAsync(Outboxed("old-" + i, T0 + Duration.FromMinutes(i)), None);
            }
            await s.AppendOutboxAsync(Outboxed("young", Cut), None);
        });

        Assert.Equal(2, await Store.PurgeOutboxAsync(Cut, 2, None));
        Assert.Equal(["young", "old-2"], (await Store.ListOutboxAsync(10, None)).Select(m => m.Id));
        Assert.Equal(1, await Store.PurgeOutboxAsync(Cut, 2, None));
        Assert.Equal(["young"], (await Store.ListOutboxAsync(10, None)).Select(m => m.Id));
    }

    [Fact]
    public async Task wrong_try_counts_last_tried_before_the_cut_go_in_batches()
    {
        await CommitAsync(async s =>
        {
            await s.AddWrongTryAsync("accept:a", T0, None);
            await s.AddWrongTryAsync("accept:b", T0 + Duration.FromMinutes(1), None);
            await s.AddWrongTryAsync("accept:c", T0, None);
            // Tried again after the cut: the count is still in use.
            await s.AddWrongTryAsync("accept:c", Cut, None);
        });

        Assert.Equal(1, await Store.PurgeWrongTriesAsync(Cut, 1, None));
        Assert.Equal(1, await Store.PurgeWrongTriesAsync(Cut, 1, None));
        Assert.Equal(0, await Store.PurgeWrongTriesAsync(Cut, 1, None));

        await using var read = await ReadAsync();
        Assert.Equal(0, await read.WrongTriesAsync("accept:a", None));
        Assert.Equal(0, await read.WrongTriesAsync("accept:b", None));
        Assert.Equal(2, await read.WrongTriesAsync("accept:c", None));
    }

    [Fact]
    public async Task idempotency_records_of_every_scope_created_before_the_cut_go_in_batches()
    {
        var other = Domain.Arns.AccountScope.For("eu-west-1", NewAccountId());
        IdempotencyRecord Record(string token, Instant at) => new("StartEngagement", token, "hash", [1, 2], at);
        await CommitAsync(s => s.PutIdempotencyAsync(Record("old", T0), None));
        await CommitAsync(other, s => s.PutIdempotencyAsync(Record("old-elsewhere", T0), None));
        await CommitAsync(s => s.PutIdempotencyAsync(Record("young", Cut), None));

        Assert.Equal(1, await Store.PurgeIdempotencyAsync(Cut, 1, None));
        Assert.Equal(1, await Store.PurgeIdempotencyAsync(Cut, 1, None));
        Assert.Equal(0, await Store.PurgeIdempotencyAsync(Cut, 1, None));

        Assert.Null(await QueryAsync(s => s.FindIdempotencyAsync("StartEngagement", "old", T0 - Duration.FromDays(1), None)));
        Assert.Null(await QueryAsync(other, s => s.FindIdempotencyAsync("StartEngagement", "old-elsewhere", T0 - Duration.FromDays(1), None)));
        Assert.NotNull(await QueryAsync(s => s.FindIdempotencyAsync("StartEngagement", "young", T0, None)));
    }

    [Fact]
    public async Task a_store_leads_the_purge_and_leads_again_after_giving_it_up()
    {
        var lease = await Store.TryLeadPurgeAsync(None);
        Assert.NotNull(lease);
        await lease.DisposeAsync();

        await using var again = await Store.TryLeadPurgeAsync(None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task a_purge_with_nothing_old_removes_nothing()
    {
        await InsertEngagementWithPartsAsync(10, stoppedAt: Cut);

        Assert.Equal(0, await Store.PurgeEngagementsAsync(Cut, 10, None));
        Assert.Equal(0, await Store.PurgeIncidentsAsync(Cut, 10, None));
        Assert.Equal(0, await Store.PurgeOutboxAsync(Cut, 10, None));
        Assert.Equal(0, await Store.PurgeWrongTriesAsync(Cut, 10, None));
        Assert.Equal(0, await Store.PurgeIdempotencyAsync(Cut, 10, None));
        await AssertEngagementKeptAsync(10);
    }
}
