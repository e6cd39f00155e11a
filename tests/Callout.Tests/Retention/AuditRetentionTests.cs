using Callout.Domain.Arns;
using Callout.Domain.Audit;
using Callout.Server.Hosting;
using Callout.Server.Retention;
using Callout.Storage.Sqlite;
using Callout.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Retention;

/// The audit log in the retention purge, on a fake clock over a real SQLite store: what is older
/// than --audit-retention goes in batches, at start and every hour after; 0 keeps everything,
/// whatever --retention says.
public sealed class AuditRetentionTests : IAsyncLifetime
{
    static readonly AccountScope Scope = AccountScope.For("us-east-1", "123456789012");
    static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    readonly SqliteStore _store = SqliteStore.OpenInMemory();
    readonly FakeTimeProvider _time = new(Start);

    public Task InitializeAsync() => _store.MigrateAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    RetentionPurge Purge(TimeSpan? retention, TimeSpan? auditRetention) =>
        new(_store, new ServerOptions { Retention = retention, AuditRetention = auditRetention }, _time, new RetentionMetrics(),
            NullLogger<RetentionPurge>.Instance);

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
        await AppendAsync(Start.AddDays(-31), RetentionPurge.RowBatch + 7);
        await AppendAsync(Start.AddDays(-29), 3);

        var round = await Purge(TimeSpan.FromDays(30), TimeSpan.FromDays(30)).PurgeAsync(Instant.FromDateTimeOffset(Start), CancellationToken.None);

        Assert.Equal(RetentionPurge.RowBatch + 7, round.Audit);
        Assert.Equal(3, (await ListAsync()).Count);
    }

    [Fact]
    public async Task the_audit_log_keeps_its_own_window_beside_retention()
    {
        await AppendAsync(Start.AddDays(-40), 2);
        await AppendAsync(Start.AddDays(-20), 3);

        var round = await Purge(TimeSpan.FromDays(10), TimeSpan.FromDays(30)).PurgeAsync(Instant.FromDateTimeOffset(Start), CancellationToken.None);

        Assert.Equal(2, round.Audit);
        Assert.Equal(3, (await ListAsync()).Count);
    }

    [Fact]
    public async Task the_running_purge_takes_what_ages_past_the_retention_an_hour_later()
    {
        await AppendAsync(Start.AddDays(-2), 2);
        await AppendAsync(Start.AddDays(-1).AddMinutes(30), 1);
        var purge = Purge(TimeSpan.FromDays(1), TimeSpan.FromDays(1));

        await purge.StartAsync(CancellationToken.None);
        try
        {
            await WaitForCountAsync(1);
            _time.Advance(RetentionPurge.Interval);
            await WaitForCountAsync(0);
        }
        finally
        {
            await purge.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task audit_retention_zero_keeps_every_record_while_the_rest_is_purged()
    {
        await AppendAsync(Start.AddYears(-50), 2);
        var purge = Purge(TimeSpan.FromDays(1), null);

        var first = await purge.PurgeAsync(Instant.FromDateTimeOffset(Start), CancellationToken.None);
        var later = await purge.PurgeAsync(Instant.FromDateTimeOffset(Start.AddDays(400)), CancellationToken.None);

        Assert.Equal(0, first.Audit + later.Audit);
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
