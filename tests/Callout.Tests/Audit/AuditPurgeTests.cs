using Callout.Domain.Arns;
using Callout.Domain.Audit;
using Callout.Server.Audit;
using Callout.Server.Hosting;
using Callout.Storage.Sqlite;
using Callout.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Audit;

/// The background purge on a fake clock over a real SQLite store: what is older than the
/// retention goes, in batches, at start and every hour after; retention 0 keeps everything.
public sealed class AuditPurgeTests : IAsyncLifetime
{
    static readonly AccountScope Scope = AccountScope.For("us-east-1", "123456789012");
    static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    readonly SqliteStore _store = SqliteStore.OpenInMemory();
    readonly FakeTimeProvider _time = new(Start);

    public Task InitializeAsync() => _store.MigrateAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    AuditPurge Purge(TimeSpan? retention) =>
        new(_store, new ServerOptions { AuditRetention = retention }, _time, NullLogger<AuditPurge>.Instance);

    async Task AppendAsync(DateTimeOffset at, int count) => await _store.CommitAsync(Scope, async s =>
    {
        for (var i = 0; i < count; i++)
        {
            await s.AppendAuditAsync(new AuditRecord(Instant.FromDateTimeOffset(at), Scope.AccountId, Scope.Region, "AKID", null,
                "CreateContact", null, Guid.NewGuid().ToString(), AuditRecord.Success), CancellationToken.None);
        }
    });

    Task<IReadOnlyList<(long Sequence, AuditRecord Record)>> ListAsync() =>
        _store.ReadAsync(Scope, s => s.ListAuditAsync(new AuditQuery(null, null, null, null, null, 10_000), CancellationToken.None));

    [Fact]
    public async Task records_older_than_the_retention_go_in_batches_and_younger_ones_stay()
    {
        await AppendAsync(Start.AddDays(-31), AuditPurge.BatchSize + 7);
        await AppendAsync(Start.AddDays(-29), 3);

        var removed = await Purge(TimeSpan.FromDays(30)).PurgeAsync(TimeSpan.FromDays(30), CancellationToken.None);

        Assert.Equal(AuditPurge.BatchSize + 7, removed);
        Assert.Equal(3, (await ListAsync()).Count);
    }

    [Fact]
    public async Task the_running_purge_takes_what_ages_past_the_retention_an_hour_later()
    {
        await AppendAsync(Start.AddDays(-2), 2);
        await AppendAsync(Start.AddDays(-1).AddMinutes(30), 1);
        var purge = Purge(TimeSpan.FromDays(1));

        await purge.StartAsync(CancellationToken.None);
        try
        {
            await WaitForCountAsync(1);
            _time.Advance(AuditPurge.Interval);
            await WaitForCountAsync(0);
        }
        finally
        {
            await purge.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task retention_zero_keeps_every_record()
    {
        await AppendAsync(Start.AddYears(-50), 2);
        var purge = Purge(null);

        await purge.StartAsync(CancellationToken.None);
        // Nothing to do, so it ends rather than waiting for a next round.
        await purge.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(AuditPurge.Interval * 3);
        await purge.StopAsync(CancellationToken.None);

        Assert.Equal(2, (await ListAsync()).Count);
    }

    async Task WaitForCountAsync(int expected)
    {
        // The purge runs on its own task; its store calls finish soon after the clock moves.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await ListAsync()).Count != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {expected} records, found {(await ListAsync()).Count}");
            await Task.Delay(20);
        }
    }
}
