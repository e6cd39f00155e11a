using Callout.Domain.Ports;
using Callout.Server.Hosting;
using NodaTime;

namespace Callout.Server.Audit;

/// Forgets audit records older than --audit-retention, once at start and then hourly on the
/// server's clock, in batches small enough that each delete is a short transaction beside the
/// API's writes. With retention 0 records are kept for ever and this does nothing.
sealed partial class AuditPurge(IStore store, ServerOptions options, TimeProvider time, ILogger<AuditPurge> log) : BackgroundService
{
    public const int BatchSize = 500;

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AuditRetention is not { } retention)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(retention, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store may be briefly unreachable; the next round tries again.
                LogFailed(e);
            }
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// Removes every record older than `retention`, batch by batch; returns how many went.
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken ct)
    {
        var before = Instant.FromDateTimeOffset(time.GetUtcNow() - retention);
        int total = 0, removed;
        do
        {
            removed = await store.PurgeAuditAsync(before, BatchSize, ct);
            total += removed;
        }
        while (removed == BatchSize);
        if (total > 0)
        {
            LogPurged(total, before);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} audit records older than {Before}")]
    partial void LogPurged(int count, Instant before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging old audit records failed; trying again in an hour")]
    partial void LogFailed(Exception exception);
}
