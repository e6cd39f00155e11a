using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Idempotency;
using Callout.Server.Hosting;
using Callout.Server.Retention;
using Callout.Storage.Sqlite;
using Callout.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Retention;

/// The retention purge on a fake clock over a real SQLite store: a round drains every kind batch
/// by batch, runs at most once an Interval, and with retention 0 forgets only expired idempotency
/// records.
public sealed partial class RetentionPurgeTests : IAsyncLifetime
{
    static readonly AccountScope Scope = AccountScope.For("us-east-1", "123456789012");
    static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly CancellationToken None = CancellationToken.None;

    readonly SqliteStore _store = SqliteStore.OpenInMemory();
    readonly FakeTimeProvider _time = new(Start);

    public Task InitializeAsync() => _store.MigrateAsync(None);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    RetentionPurge Purge(TimeSpan? retention) => Purge(retention, auditRetention: null);

    RetentionPurge Purge(TimeSpan? retention, TimeSpan? auditRetention) =>
        new(_store, new ServerOptions { Retention = retention, AuditRetention = auditRetention }, _time, new RetentionMetrics(),
            NullLogger<RetentionPurge>.Instance);

    Task StoppedEngagementsAsync(DateTimeOffset stoppedAt, int count) => _store.CommitAsync(Scope, async s =>
    {
        var at = Instant.FromDateTimeOffset(stoppedAt);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString();
            await s.InsertEngagementAsync(new Engagement(new ResourceArn(Scope, ResourceKind.Engagement, "jane/" + id), "jane",
                ContactKind.Personal, "bot", "Subject", "Content", null, null, null, at, null, null),
                new EngagementSnapshot(new Dictionary<string, ContactSnapshot>()), None);
            await s.StopEngagementAsync(id, at, null, None);
        }
    });

    Task<int> CountEngagementsAsync() =>
        _store.ReadAsync(Scope, async s => (await s.ListEngagementsAsync(null, null, null, null, 1000, None)).Count);

    Task IdempotencyRecordAsync(string token, DateTimeOffset at) => _store.CommitAsync(Scope, s =>
        s.PutIdempotencyAsync(new IdempotencyRecord("StartEngagement", token, "hash", [1], Instant.FromDateTimeOffset(at)), None));

    Task<bool> HasIdempotencyRecordAsync(string token) => _store.ReadAsync(Scope, async s =>
        await s.FindIdempotencyAsync("StartEngagement", token, Instant.MinValue, None) is not null);

    [Fact]
    public async Task a_round_drains_more_than_one_batch_and_leaves_the_young()
    {
        await StoppedEngagementsAsync(Start.AddDays(-31), RetentionPurge.EngagementBatch + 3);
        await StoppedEngagementsAsync(Start.AddDays(-29), 2);

        var round = await Purge(TimeSpan.FromDays(30)).PurgeAsync(Instant.FromDateTimeOffset(Start), None);

        Assert.Equal(RetentionPurge.EngagementBatch + 3, round.Engagements);
        Assert.Equal(2, await CountEngagementsAsync());
    }

    [Fact]
    public async Task a_round_runs_at_most_once_an_interval_on_the_servers_clock()
    {
        var purge = Purge(TimeSpan.FromDays(1));
        Assert.NotNull(await purge.RunIfDueAsync(None));
        await StoppedEngagementsAsync(Start.AddDays(-2), 1);

        _time.Advance(RetentionPurge.Interval - TimeSpan.FromSeconds(1));
        Assert.Null(await purge.RunIfDueAsync(None));
        Assert.Equal(1, await CountEngagementsAsync());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await purge.RunIfDueAsync(None))!.Engagements);
        Assert.Equal(0, await CountEngagementsAsync());
    }

    [Fact]
    public async Task retention_zero_keeps_history_but_forgets_expired_idempotency_records()
    {
        await StoppedEngagementsAsync(Start.AddYears(-5), 2);
        await IdempotencyRecordAsync("expired", Start - IdempotencyRecord.Lifetime.ToTimeSpan() - TimeSpan.FromMinutes(1));
        await IdempotencyRecordAsync("live", Start - TimeSpan.FromMinutes(1));

        var round = await Purge(null).PurgeAsync(Instant.FromDateTimeOffset(Start), None);

        Assert.Equal(0, round.Engagements);
        Assert.Equal(1, round.Idempotency);
        Assert.Equal(2, await CountEngagementsAsync());
        Assert.False(await HasIdempotencyRecordAsync("expired"));
        Assert.True(await HasIdempotencyRecordAsync("live"));
    }
}
