using System.Collections.Concurrent;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Engine;
using Callout.Engine.Delivery;
using Callout.Engine.Processing;
using Callout.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Engine;

/// The claim loop: at most BatchSize steps held and Concurrency running, a claim only once
/// Concurrency of them are free again, an end after the sends claimed with it, and a stop that
/// waits for what runs. A real engine over a real in-memory SQLite store, with a provider that
/// holds every send until the test lets it go.
public sealed class EngagementEngineTests : IAsyncLifetime, IDisposable
{
    static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0, 0);
    static readonly CancellationToken None = CancellationToken.None;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    readonly AccountScope _scope = AccountScope.For("us-east-1", "111122223333");
    readonly SqliteStore _store = SqliteStore.OpenInMemory();
    readonly GatedSender _sender = new();
    readonly EngagementEngine _engine;
    int _probes;

    public EngagementEngineTests() => _engine = Engine(TimeSpan.FromSeconds(10));

    EngagementEngine Engine(TimeSpan drain)
    {
        var time = new FakeTimeProvider(T0.ToDateTimeOffset());
        // One send per runner, so the sends in the provider are the runners at work.
        var options = new EngineOptions
        {
            NodeName = "node-a", BatchSize = 10, Concurrency = 4, SendGroupSize = 1, PublicUrl = new Uri("http://callout.test/"), Drain = drain,
        };
        var metrics = new EngineMetrics();
        var router = new DeliveryRouter(new Dictionary<ChannelKind, IMessageSender> { [ChannelKind.Email] = _sender }, new OutboxSender(_store, time));
        var processor = new StepProcessor(_store, router, new RotationOnCallResolver(_store), new EngineSecrets(_store),
            new EngineSettings(), options, metrics, new StagesWithoutAnyone(metrics, NullLogger<StagesWithoutAnyone>.Instance), time,
            NullLogger<StepProcessor>.Instance);
        return new EngagementEngine(_store, processor, options, metrics, time, NullLogger<EngagementEngine>.Instance);
    }

    public Task InitializeAsync() => _store.MigrateAsync(None);

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    public void Dispose()
    {
        _engine.Dispose();
        _sender.Dispose();
    }

    [Fact]
    public async Task a_node_holds_a_batch_runs_its_concurrency_and_claims_again_once_that_many_are_free()
    {
        await SeedAsync();
        await InsertAsync([.. Enumerable.Range(1, 40).Select(i => Send(i))]);

        var drain = _engine.DrainAsync(None);

        await Until(() => _sender.Running == 4);
        // The other six claimed wait for a runner; the claim waits for four free.
        await Task.Delay(100);
        Assert.Equal(4, _sender.Running);
        Assert.Equal(30, await UnheldAsync());
        Assert.False(drain.IsCompleted);

        _sender.Let(3);
        await Until(() => _sender.Sent == 3 && _sender.Running == 4);
        await Task.Delay(100);
        Assert.Equal(30, await UnheldAsync());

        _sender.Let(1);
        await Until(async () => await UnheldAsync() == 26);

        _sender.Let(1000);
        Assert.Equal(40, await drain.WaitAsync(Patience));
        await _engine.WaitIdleAsync(None).WaitAsync(Patience);
        Assert.Equal(40, _sender.Sent);
        Assert.Equal(4, _sender.MostRunning);
        Assert.Equal(40, _sender.Keys.Distinct().Count());
        Assert.Equal(0, await UnheldAsync());
    }

    [Fact]
    public async Task an_end_claimed_with_a_send_due_at_the_same_time_waits_for_the_send()
    {
        await SeedAsync();
        await InsertAsync([Send(1), new FinishStep(Id(50), Id(100), T0)]);

        var drain = _engine.DrainAsync(None);
        await Until(() => _sender.Running == 1);
        Assert.Equal(2, await drain.WaitAsync(Patience));
        await Task.Delay(100);
        Assert.True((await EngagementAsync()).Running);

        _sender.Let(1);
        await _engine.WaitIdleAsync(None).WaitAsync(Patience);

        Assert.Equal(1, _sender.Sent);
        var stopped = await EngagementAsync();
        Assert.Equal(T0, stopped.StopTime);
        Assert.Equal(DeliveryStatus.Sent, (await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(Id(201) + ":0", None)))?.Status);
    }

    [Fact]
    public async Task a_stopped_engine_returns_only_once_what_it_was_running_has_ended()
    {
        await SeedAsync();
        await InsertAsync([Send(1)]);
        using var stop = new CancellationTokenSource();

        var run = _engine.RunAsync(stop.Token);
        _engine.Wake();
        await Until(() => _sender.Running == 1);
        await stop.CancelAsync();
        await Task.Delay(100);
        Assert.False(run.IsCompleted);

        _sender.Let(1);
        await run.WaitAsync(Patience);
        Assert.Equal(0, _sender.Running);
    }

    [Fact]
    public async Task a_stop_lets_the_sends_in_flight_finish_and_hands_back_the_steps_not_started()
    {
        await SeedAsync();
        await InsertAsync([.. Enumerable.Range(1, 6).Select(i => Send(i))]);
        using var stop = new CancellationTokenSource();

        var run = _engine.RunAsync(stop.Token);
        _engine.Wake();
        // Four runners at work; the other two steps are claimed and wait for one.
        await Until(() => _sender.Running == 4);
        await stop.CancelAsync();
        await Task.Delay(100);
        Assert.False(run.IsCompleted);

        _sender.Let(1000);
        await run.WaitAsync(Patience);

        Assert.Equal(4, _sender.Sent);
        var statuses = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
            (await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(Id(200 + i) + ":0", None)))?.Status));
        Assert.Equal(4, statuses.Count(s => s == DeliveryStatus.Sent));
        Assert.Equal(2, statuses.Count(s => s is null));
        // Handed back: another node claims them now, not when the leases run out.
        Assert.Equal(2, await UnheldAsync());
    }

    [Fact]
    public async Task sends_still_in_flight_at_the_drain_bound_are_cancelled_and_handed_back_pending()
    {
        using var engine = Engine(TimeSpan.FromMilliseconds(300));
        _sender.HonoursCancellation = true;
        await SeedAsync();
        await InsertAsync([.. Enumerable.Range(1, 2).Select(i => Send(i))]);
        using var stop = new CancellationTokenSource();

        var run = engine.RunAsync(stop.Token);
        engine.Wake();
        await Until(() => _sender.Running == 2);
        await stop.CancelAsync();
        await run.WaitAsync(Patience);

        Assert.Equal(0, _sender.Sent);
        foreach (var i in (int[])[1, 2])
        {
            // Pending: the next claim sends it again under the same key.
            Assert.Equal(DeliveryStatus.Pending, (await _store.ReadAsync(_scope, s => s.FindDeliveryAsync(Id(200 + i) + ":0", None)))?.Status);
        }
        Assert.Equal(2, await UnheldAsync());
    }

    /// A provider that takes every send and answers only once let.
    sealed class GatedSender : IMessageSender, IDisposable
    {
        readonly SemaphoreSlim _gate = new(0);
        int _running;
        int _mostRunning;
        int _sent;

        public ConcurrentBag<string> Keys { get; } = [];

        public string Name => "gated";

        public int Running => Volatile.Read(ref _running);

        public int MostRunning => Volatile.Read(ref _mostRunning);

        public int Sent => Volatile.Read(ref _sent);

        public void Let(int sends) => _gate.Release(sends);

        /// By default a call in flight ignores the engine's cancellation, as a stop has to wait for it.
        public bool HonoursCancellation { get; set; }

        public void Dispose() => _gate.Dispose();

        public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _mostRunning)) && Interlocked.CompareExchange(ref _mostRunning, running, most) != most)
            {
            }
            try
            {
                // Not cancelled with the engine: a stop has to wait for a provider call in flight.
                await _gate.WaitAsync(HonoursCancellation ? ct : CancellationToken.None);
                Keys.Add(message.IdempotencyKey);
                Interlocked.Increment(ref _sent);
                return SendResult.Ok("m-" + message.IdempotencyKey);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    static async Task Until(Func<bool> condition) => await Until(() => Task.FromResult(condition()));

    static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }

    /// The due steps nobody holds; the probe's lease ends as it starts, so it holds none itself.
    async Task<int> UnheldAsync()
    {
        var owner = "probe/" + Interlocked.Increment(ref _probes);
        return (await _store.ClaimDueStepsAsync(T0, owner, T0, 1000, None)).Count;
    }

    SendPageStep Send(int n) => new(Id(n), Id(100), T0, Id(200 + n), "jane", ResourceArn.Channel(_scope, "jane", Id(900)).ToString(), 0,
        [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true);

    Task InsertAsync(IReadOnlyList<EngagementStep> steps) => _store.CommitAsync(_scope, s => s.InsertStepsAsync(steps, None));

    async Task<Engagement> EngagementAsync() => (await _store.ReadAsync(_scope, s => s.FindEngagementAsync(Id(100), None)))!;

    /// jane, her activated email channel, and her running engagement Id(100).
    Task SeedAsync() => _store.CommitAsync(_scope, async s =>
    {
        var snapshot = new EngagementSnapshot(new Dictionary<string, ContactSnapshot>(StringComparer.Ordinal)
        {
            ["jane"] = new("jane", ContactKind.Personal, new Plan([new Stage(5, [new Target(new ChannelTarget(
                ResourceArn.Channel(_scope, "jane", Id(900)).ToString(), null), null)])], [])),
        });
        await s.InsertContactAsync(new Contact(ResourceArn.Contact(_scope, "jane"), "jane", "Jane Doe", ContactKind.Personal, Plan.Empty),
            T0 - Duration.FromDays(7), None);
        await s.InsertChannelAsync(new ContactChannel(ResourceArn.Channel(_scope, "jane", Id(900)), "jane", "jane email", ChannelKind.Email,
            "jane@example.com", Activated: true, ActivationCodeHash: null, ActivationCodeExpires: null, ActivationCodesSent: [],
            T0 - Duration.FromDays(7)), None);
        await s.InsertEngagementAsync(new Engagement(new ResourceArn(_scope, ResourceKind.Engagement, "jane/" + Id(100)), "jane",
            ContactKind.Personal, "ops-bot", "Subject", "Content", "Public subject", "Public content", null, T0, null, null), snapshot, None);
    });

    static string Id(int n) => $"00000000-0000-7000-8000-{n:D12}";
}
