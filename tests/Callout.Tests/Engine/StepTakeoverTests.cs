using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Engine;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;
using Callout.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Callout.Tests.Engine;

/// A runner whose lease ran out and whose step another claim took over must leave no trace (no
/// steps, sends, stops or retries), or the step's work would be done twice. A real StepProcessor
/// over a real in-memory SQLite store.
public sealed class StepTakeoverTests : IAsyncLifetime
{
    static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0, 0);
    static readonly Duration Lease = Duration.FromSeconds(30);

    /// When the second claim takes the step over: the first claim's lease has just run out. The
    /// processor's clock stands here for both runs, as it would on the slower node.
    static readonly Instant Takeover = T0 + Lease;

    static readonly CancellationToken None = CancellationToken.None;

    readonly AccountScope _scope = AccountScope.For("us-east-1", "111122223333");
    readonly SqliteStore _store = SqliteStore.OpenInMemory();
    readonly EngineMetrics _metrics = new();
    readonly StepProcessor _processor;
    int _probes;

    public StepTakeoverTests()
    {
        var time = new FakeTimeProvider(Takeover.ToDateTimeOffset());
        var options = new EngineOptions { NodeName = "node-a", Lease = Lease.ToTimeSpan(), PublicUrl = new Uri("http://callout.test/") };
        // No provider is configured, so every channel type goes to the real local outbox, in the store.
        var router = new DeliveryRouter(new Dictionary<ChannelKind, IMessageSender>(), new OutboxSender(_store, time));
        _processor = new StepProcessor(_store, router, new RotationOnCallResolver(_store), new EngineSecrets(_store),
            new EngineSettings(), options, _metrics, new StagesWithoutAnyone(_metrics, NullLogger<StagesWithoutAnyone>.Instance), time,
            NullLogger<StepProcessor>.Instance);
    }

    public Task InitializeAsync() => _store.MigrateAsync(None);

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    [Fact]
    public async Task a_schedule_step_run_by_a_claim_that_lost_its_lease_adds_nothing()
    {
        var engagement = NewEngagement(Id(100), "primary", ContactKind.OncallSchedule);
        var snapshot = Snapshot(Person("jane", retryMinutes: 1), Schedule("primary"));
        await SeedAsync(engagement, snapshot, Personal("jane"), new Contact(ResourceArn.Contact(_scope, "primary"), "primary", null,
            ContactKind.OncallSchedule, new Plan([], [RotationArn])));
        await _store.CommitAsync(_scope, s => s.InsertRotationAsync(new Rotation(new ResourceArn(_scope, ResourceKind.Rotation, Id(300)), "ops", ["jane"],
            T0 - Duration.FromDays(7), "Europe/Berlin", new Recurrence(RecurrenceKind.Daily, [new HandOff(new LocalTime(9, 0))], 1, 1, null),
            T0 - Duration.FromDays(7)), None));
        // What StartEngagement stores for a schedule: enter it at T0, and the end, due at T0 for now.
        var ids = 0;
        var start = new EngagementPlanner(snapshot, engagement.Id, new EngineSettings(), () => Id(++ids)).Start("primary", T0);
        await _store.CommitAsync(_scope, s => s.InsertStepsAsync(start.Steps, None));
        var enterId = start.Steps.OfType<EnterScheduleStep>().Single().Id;
        var finishId = start.Steps.OfType<FinishStep>().Single().Id;

        var (stale, current) = await TakeOverAsync(enterId);
        await _processor.ProcessAsync(stale, None);

        // Had the stale run committed, jane's four sends would be claimable and the end moved to T0+5m.
        Assert.True(await IsHeldAsync(enterId, current.Owner));
        var afterStale = await PendingAsync(T0 + Duration.FromHours(1));
        Assert.Equal([new FinishStep(finishId, engagement.Id, T0)], afterStale);

        await _processor.ProcessAsync(current, None);

        Assert.False(await IsHeldAsync(enterId, current.Owner));
        var pending = await PendingAsync(T0 + Duration.FromHours(1));
        var sends = pending.OfType<SendPageStep>().ToList();
        Assert.Equal([0, 1, 2, 3], sends.Select(s => s.Attempt).Order());
        Assert.Equal([T0, T0 + Minutes(1), T0 + Minutes(2), T0 + Minutes(3)], sends.Select(s => s.Due).Order());
        Assert.All(sends, s => Assert.Equal(("jane", ChannelArn("jane")), (s.ContactAlias, s.ChannelArn)));
        Assert.Single(sends.Select(s => s.PageId).Distinct());
        Assert.Equal([(finishId, T0 + Minutes(5))], pending.OfType<FinishStep>().Select(s => (s.Id, s.Due)));
        Assert.Equal(5, pending.Count);
    }

    [Fact]
    public async Task a_send_run_by_a_claim_that_lost_its_lease_reaches_no_provider_and_records_nothing()
    {
        var engagement = NewEngagement(Id(100), "jane", ContactKind.Personal);
        await SeedAsync(engagement, Snapshot(Person("jane")), Personal("jane"));
        var pageId = Id(200);
        var send = new SendPageStep(Id(1), engagement.Id, T0, pageId, "jane", ChannelArn("jane"), 0,
            [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true);
        await _store.CommitAsync(_scope, s => s.InsertStepsAsync([send], None));

        var (stale, current) = await TakeOverAsync(send.Id);
        await _processor.ProcessAsync(stale, None);

        // Without the check the stale run would have recorded the send as pending and put it in the outbox.
        Assert.Empty(await _store.ListOutboxAsync(10, None));
        Assert.Null(await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(pageId + ":0", None)));
        Assert.Null(await _store.ReadAsync(_scope, s => s.FindPageAsync(pageId, None)));
        Assert.True(await IsHeldAsync(send.Id, current.Owner));

        await _processor.ProcessAsync(current, None);

        var sent = Assert.Single(await _store.ListOutboxAsync(10, None));
        Assert.Equal(("PAGE", "EMAIL", "jane@example.com"), (sent.Kind, sent.ChannelType, sent.Address));
        var delivery = await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(pageId + ":0", None));
        Assert.Equal(DeliveryStatus.Sent, delivery?.Status);
        Assert.Equal(Takeover, (await _store.ReadAsync(_scope, s => s.FindPageAsync(pageId, None)))?.SentTime);
        Assert.False(await IsHeldAsync(send.Id, current.Owner));
        Assert.Empty(await PendingAsync(T0 + Duration.FromDays(2)));
    }

    [Fact]
    public async Task an_end_run_by_a_claim_that_lost_its_lease_does_not_stop_the_engagement()
    {
        var engagement = NewEngagement(Id(100), "jane", ContactKind.Personal);
        await SeedAsync(engagement, Snapshot(Person("jane")), Personal("jane"));
        var finish = new FinishStep(Id(1), engagement.Id, T0);
        await _store.CommitAsync(_scope, s => s.InsertStepsAsync([finish], None));

        var (stale, current) = await TakeOverAsync(finish.Id);
        await _processor.ProcessAsync(stale, None);

        Assert.True((await _store.ReadAsync(_scope, s => s.FindEngagementAsync(engagement.Id, None)))?.Running);
        Assert.True(await IsHeldAsync(finish.Id, current.Owner));

        await _processor.ProcessAsync(current, None);

        var stopped = await _store.ReadAsync(_scope, s => s.FindEngagementAsync(engagement.Id, None));
        Assert.Equal(T0, stopped?.StopTime);
        Assert.Null(stopped?.StopReason);
        Assert.False(await IsHeldAsync(finish.Id, current.Owner));
    }

    [Fact]
    public async Task an_end_run_by_a_claim_that_lost_its_lease_inserts_no_retry()
    {
        var engagement = NewEngagement(Id(100), "jane", ContactKind.Personal);
        await SeedAsync(engagement, Snapshot(Person("jane")), Personal("jane"));
        var send = new SendPageStep(Id(1), engagement.Id, T0, Id(200), "jane", ChannelArn("jane"), 0,
            [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true);
        var finish = new FinishStep(Id(2), engagement.Id, T0);
        await _store.CommitAsync(_scope, s => s.InsertStepsAsync([send, finish], None));
        // Another runner holds the last send for the whole test, so the end has to wait and try again.
        Assert.Equal([send.Id], (await _store.ClaimDueStepsAsync(T0, "node-c/1", T0 + Duration.FromDays(1), 1, None)).Select(c => c.Step.Id));

        var (stale, current) = await TakeOverAsync(finish.Id);
        await _processor.ProcessAsync(stale, None);

        Assert.Empty(await PendingAsync(T0 + Duration.FromHours(1)));
        Assert.True(await IsHeldAsync(finish.Id, current.Owner));

        await _processor.ProcessAsync(current, None);

        var retry = Assert.Single(await PendingAsync(T0 + Duration.FromHours(1)));
        Assert.Equal(new FinishStep(retry.Id, engagement.Id, Takeover + Duration.FromSeconds(1)), retry);
        Assert.NotEqual(finish.Id, retry.Id);
        Assert.True((await _store.ReadAsync(_scope, s => s.FindEngagementAsync(engagement.Id, None)))?.Running);
        Assert.False(await IsHeldAsync(finish.Id, current.Owner));
    }

    [Fact]
    public async Task sends_run_as_a_group_each_get_their_own_outcome_an_interrupted_one_goes_again_and_a_taken_over_one_is_left_alone()
    {
        var engagement = NewEngagement(Id(100), "jane", ContactKind.Personal);
        await SeedAsync(engagement, Snapshot(Person("jane")), Personal("jane"));
        var sends = Enumerable.Range(1, 4).Select(i => new SendPageStep(Id(i), engagement.Id, T0, Id(200 + i), "jane",
            ChannelArn("jane"), 0, [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true)).ToList();
        await _store.CommitAsync(_scope, async s =>
        {
            await s.InsertStepsAsync(sends, None);
            // The fourth was sent by a node that died before the provider answered.
            await s.InsertPageAsync(new Page(new ResourceArn(_scope, ResourceKind.Page, "jane/" + Id(204)), engagement.Id, "jane",
                Id(900), [new ResolutionStep("jane", ContactKind.Personal, 0)], true, T0, null, null, null), None);
            await s.PutDeliveryAsync(new DeliveryRecord(Id(204) + ":0", Id(204), DeliveryStatus.Pending, null, T0), None);
        });
        var group = await _store.ClaimDueStepsAsync(T0, "node-a/1", T0 + Lease, 4, None);
        Assert.Equal(4, group.Count);
        // Once the group's lease ran out another claim took the first send over.
        var takenOver = Assert.Single(await _store.ClaimDueStepsAsync(Takeover, "node-b/2", T0 + Duration.FromDays(1), 1, None));
        Assert.Equal(Id(1), takenOver.Step.Id);

        await _processor.SendPagesAsync(Sends(group), None);

        // The interrupted fourth goes again under its key (docs/decisions.md, "No page lost").
        var sent = await _store.ListOutboxAsync(10, None);
        Assert.Equal(3, sent.Count);
        Assert.All(sent, m => Assert.Equal(("PAGE", "jane@example.com"), (m.Kind, m.Address)));
        foreach (var page in new[] { Id(202), Id(203), Id(204) })
        {
            Assert.Equal(DeliveryStatus.Sent, (await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(page + ":0", None)))?.Status);
            Assert.Equal(Takeover, (await _store.ReadAsync(_scope, s => s.FindPageAsync(page, None)))?.SentTime);
        }
        var receipt = Assert.Single(await _store.ReadAsync(_scope, s => s.ListReceiptsAsync(Id(204), null, 10, None)));
        Assert.Equal(ReceiptKind.Sent, receipt.Receipt.Kind);
        Assert.Null(await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(Id(201) + ":0", None)));
        Assert.Null(await _store.ReadAsync(_scope, s => s.FindPageAsync(Id(201), None)));
        Assert.True(await IsHeldAsync(Id(1), takenOver.Owner));
        Assert.Equal([Id(1)], (await PendingAsync(T0 + Duration.FromDays(2))).Select(s => s.Id));
        var twice = Sends(group)[1];
        await Assert.ThrowsAsync<ArgumentException>(() => _processor.SendPagesAsync([twice, twice with { Step = twice.Step with { Id = Id(9) } }], None));
    }

    [Fact]
    public async Task an_outbox_send_made_again_after_a_crash_is_stored_once()
    {
        var engagement = NewEngagement(Id(100), "jane", ContactKind.Personal);
        await SeedAsync(engagement, Snapshot(Person("jane")), Personal("jane"));
        SendPageStep Send(int id) => new(Id(id), engagement.Id, T0, Id(200), "jane", ChannelArn("jane"), 0,
            [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true);
        await _store.CommitAsync(_scope, s => s.InsertStepsAsync([Send(1)], None));
        await _processor.SendPagesAsync(Sends(await _store.ClaimDueStepsAsync(T0, "node-a/1", T0 + Lease, 1, None)), None);
        Assert.Single(await _store.ListOutboxAsync(10, None));

        // The node died after the outbox's commit and before the outcome's: the record reads
        // pending, and the send is claimed again.
        await _store.CommitAsync(_scope, async s =>
        {
            await s.PutDeliveryAsync(new DeliveryRecord(Id(200) + ":0", Id(200), DeliveryStatus.Pending, null, T0), None);
            await s.InsertStepsAsync([Send(2)], None);
        });
        await _processor.SendPagesAsync(Sends(await _store.ClaimDueStepsAsync(T0, "node-a/2", T0 + Lease, 1, None)), None);

        var stored = Assert.Single(await _store.ListOutboxAsync(10, None));
        Assert.Equal(DeliveryStatus.Sent, (await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(Id(200) + ":0", None)))?.Status);
        var receipts = await _store.ReadAsync(_scope, s => s.ListReceiptsAsync(Id(200), null, 10, None));
        Assert.Equal(["outbox-" + stored.Id, "outbox-" + stored.Id], receipts.Select(r => r.Receipt.Info));
    }

    /// Claimed sends as the engine hands them to the processor.
    static List<ClaimedSend> Sends(IEnumerable<ClaimedStep> claimed) =>
        [.. claimed.Select(c => new ClaimedSend(c.Scope, Assert.IsType<SendPageStep>(c.Step), c.Owner))];

    /// The first claim leases the step at T0; its lease runs out and a second claim, with an owner
    /// of its own and a long lease, takes the same step over.
    async Task<(ClaimedStep Stale, ClaimedStep Current)> TakeOverAsync(string stepId)
    {
        var stale = Assert.Single(await _store.ClaimDueStepsAsync(T0, "node-a/1", T0 + Lease, 1, None));
        var current = Assert.Single(await _store.ClaimDueStepsAsync(Takeover, "node-b/2", T0 + Duration.FromDays(1), 1, None));
        Assert.Equal((stepId, stepId), (stale.Step.Id, current.Step.Id));
        Assert.NotEqual(stale.Owner, current.Owner);
        return (stale, current);
    }

    /// The steps anyone could claim at `at`, earliest first. The probe's lease ends the moment it
    /// starts, so a later probe sees the same steps again; steps a claim holds are not among them.
    async Task<List<EngagementStep>> PendingAsync(Instant at)
    {
        var owner = "probe/" + (++_probes).ToString(CultureInfo.InvariantCulture);
        return [.. (await _store.ClaimDueStepsAsync(at, owner, at, 1000, None)).Select(c => c.Step)];
    }

    Task<bool> IsHeldAsync(string stepId, string owner) => _store.ReadAsync(_scope, s => s.IsStepHeldAsync(stepId, owner, None));

    /// The contacts, jane's activated email channel, and the running engagement with its snapshot.
    Task SeedAsync(Engagement engagement, EngagementSnapshot snapshot, params Contact[] contacts) => _store.CommitAsync(_scope, async s =>
    {
        foreach (var contact in contacts)
        {
            await s.InsertContactAsync(contact, T0 - Duration.FromDays(7), None);
        }
        await s.InsertChannelAsync(new ContactChannel(ResourceArn.Channel(_scope, "jane", Id(900)), "jane", "jane email", ChannelKind.Email,
            "jane@example.com", Activated: true, ActivationCodeHash: null, ActivationCodeExpires: null, ActivationCodesSent: [],
            T0 - Duration.FromDays(7)), None);
        await s.InsertEngagementAsync(engagement, snapshot, None);
    });

    Engagement NewEngagement(string id, string alias, ContactKind rootKind) =>
        new(new ResourceArn(_scope, ResourceKind.Engagement, alias + "/" + id), alias, rootKind,
            "ops-bot", "Subject " + id, "Content " + id, "Public subject", "Public content", null, T0, null, null);

    Contact Personal(string alias) => new(ResourceArn.Contact(_scope, alias), alias, "Jane Doe", ContactKind.Personal, Plan.Empty);

    /// One five-minute stage paging the email channel, retried every `retryMinutes` when given.
    ContactSnapshot Person(string alias, int? retryMinutes = null) => new(alias, ContactKind.Personal,
        new Plan([new Stage(5, [new Target(new ChannelTarget(ChannelArn(alias), retryMinutes), null)])], []));

    ContactSnapshot Schedule(string alias) => new(alias, ContactKind.OncallSchedule, new Plan([], [RotationArn]));

    static EngagementSnapshot Snapshot(params ContactSnapshot[] contacts) => new(contacts.ToDictionary(c => c.Alias, StringComparer.Ordinal));

    string ChannelArn(string alias) => ResourceArn.Channel(_scope, alias, Id(900)).ToString();

    string RotationArn => new ResourceArn(_scope, ResourceKind.Rotation, Id(300)).ToString();

    static Duration Minutes(int n) => Duration.FromMinutes(n);

    static string Id(int n) => $"00000000-0000-7000-8000-{n:D12}";
}
