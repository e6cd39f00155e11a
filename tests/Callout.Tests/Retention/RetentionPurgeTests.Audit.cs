using Callout.Domain.Audit;
using Callout.Server.Retention;
using Callout.Tests.Engine;
using NodaTime;
using Xunit;

namespace Callout.Tests.Retention;

/// The audit log in the retention purge: what is older than --audit-retention goes in batches, at
/// start and every hour after; 0 keeps everything, whatever --retention says.
public sealed partial class RetentionPurgeTests
{
    async Task AppendAuditAsync(DateTimeOffset at, int count) => await _store.CommitAsync(Scope, async s =>
    {
        for (var i = 0; i < count; i++)
        {
            await s.AppendAuditAsync(new AuditRecord(Instant.FromDateTimeOffset(at), Scope.AccountId, Scope.Region, "AKID", null,
                "CreateContact", null, Guid.NewGuid().ToString(), AuditRecord.Success), None);
        }
    });

    Task<IReadOnlyList<(long Sequence, AuditRecord Record)>> ListAuditAsync() =>
        _store.ReadAsync(Scope, s => s.ListAuditAsync(new AuditQuery(null, null, null, null, null, 10_000), None));

    [Fact]
    public async Task records_older_than_the_retention_go_in_batches_and_younger_ones_stay()
    {
        await AppendAuditAsync(Start.AddDays(-31), RetentionPurge.RowBatch + 7);
        await AppendAuditAsync(Start.AddDays(-29), 3);

        var round = await Purge(TimeSpan.FromDays(30), TimeSpan.FromDays(30)).PurgeAsync(Instant.FromDateTimeOffset(Start), None);

        Assert.Equal(RetentionPurge.RowBatch + 7, round.Audit);
        Assert.Equal(3, (await ListAuditAsync()).Count);
    }

    [Fact]
    public async Task the_audit_log_keeps_its_own_window_beside_retention()
    {
        await AppendAuditAsync(Start.AddDays(-40), 2);
        await AppendAuditAsync(Start.AddDays(-20), 3);

        var round = await Purge(TimeSpan.FromDays(10), TimeSpan.FromDays(30)).PurgeAsync(Instant.FromDateTimeOffset(Start), None);

        Assert.Equal(2, round.Audit);
        Assert.Equal(3, (await ListAuditAsync()).Count);
    }

    [Fact]
    public async Task the_running_purge_takes_what_ages_past_the_retention_an_hour_later()
    {
        await AppendAuditAsync(Start.AddDays(-2), 2);
        await AppendAuditAsync(Start.AddDays(-1).AddMinutes(30), 1);
        var purge = Purge(TimeSpan.FromDays(1), TimeSpan.FromDays(1));

        await purge.StartAsync(None);
        try
        {
            await WaitForAuditCountAsync(1);
            _time.Advance(RetentionPurge.Interval);
            await WaitForAuditCountAsync(0);
        }
        finally
        {
            await purge.StopAsync(None);
        }
    }

    [Fact]
    public async Task audit_retention_zero_keeps_every_record_while_the_rest_is_purged()
    {
        await AppendAuditAsync(Start.AddYears(-50), 2);
        var purge = Purge(TimeSpan.FromDays(1), null);

        var first = await purge.PurgeAsync(Instant.FromDateTimeOffset(Start), None);
        var later = await purge.PurgeAsync(Instant.FromDateTimeOffset(Start.AddDays(400)), None);

        Assert.Equal(0, first.Audit + later.Audit);
        Assert.Equal(2, (await ListAuditAsync()).Count);
    }

    async Task WaitForAuditCountAsync(int expected)
    {
        // The purge runs on its own task; its store calls finish soon after the clock moves.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await ListAuditAsync()).Count != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {expected} records, found {(await ListAuditAsync()).Count}");
            await Task.Delay(20);
        }
    }
}
