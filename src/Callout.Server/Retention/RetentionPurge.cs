using System.Diagnostics;
using Callout.Domain.Idempotency;
using Callout.Domain.Ports;
using Callout.Server.Hosting;
using NodaTime;

namespace Callout.Server.Retention;

/// Forgets history older than --retention (docs/operations.md, "Retention"): at start, then hourly
/// on the server's clock, so `--clock virtual` moves it too (ClockEndpoints runs a round that fell
/// due before answering). Each batch is one short transaction of its own, so the engine and the API
/// wait for it a few milliseconds at most; on PostgreSQL one node purges at a time. The audit log
/// has its own window (--audit-retention, which follows --retention unless set). Expired
/// idempotency records, which no retry can use any more, go whatever either says.
sealed partial class RetentionPurge(IStore store, ServerOptions options, TimeProvider time, RetentionMetrics metrics,
    ILogger<RetentionPurge> log) : BackgroundService
{
    /// An engagement goes with its pages, receipts, deliveries and steps: some dozens of rows, so
    /// a batch of 20 is some hundreds of row deletes, a few milliseconds of SQLite's one writer.
    public const int EngagementBatch = 20;

    public const int RowBatch = 500;

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    readonly SemaphoreSlim gate = new(1, 1);
    DateTimeOffset? lastRound;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunIfDueAsync(stoppingToken);
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// Runs a round unless one ran less than an Interval ago on the server's clock; waits for a
    /// round in progress first. Null when no round was due, or the round failed: the store may be
    /// briefly unreachable or full, and the next round tries again.
    public async Task<RetentionRound?> RunIfDueAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (lastRound is { } last && now - last < Interval)
            {
                return null;
            }
            var round = await PurgeAsync(Instant.FromDateTimeOffset(now), ct);
            lastRound = now;
            return round;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// One round at `now`: every kind of history, batch by batch, then the space given back.
    public async Task<RetentionRound> PurgeAsync(Instant now, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var lease = await store.TryLeadPurgeAsync(ct);
        if (lease is null)
        {
            LogAnotherNode();
            return new RetentionRound();
        }
        var round = new RetentionRound();
        if (options.Retention is { } kept)
        {
            var before = now - Duration.FromTimeSpan(kept);
            round.Engagements = await DrainAsync("engagements", store.PurgeEngagementsAsync, before, EngagementBatch, ct);
            round.Incidents = await DrainAsync("incidents", store.PurgeIncidentsAsync, before, RowBatch, ct);
            round.Outbox = await DrainAsync("outbox", store.PurgeOutboxAsync, before, RowBatch, ct);
            round.WrongTries = await DrainAsync("wrong_code_tries", store.PurgeWrongTriesAsync, before, RowBatch, ct);
        }
        if (options.AuditRetention is { } audited)
        {
            round.Audit = await DrainAsync("audit", store.PurgeAuditAsync, now - Duration.FromTimeSpan(audited), RowBatch, ct);
        }
        round.Idempotency = await DrainAsync("idempotency", store.PurgeIdempotencyAsync, now - IdempotencyRecord.Lifetime, RowBatch, ct);
        if (round.Removed > 0)
        {
            round.ReclaimedBytes = await store.ReclaimSpaceAsync(ct);
            metrics.Reclaimed(round.ReclaimedBytes);
        }
        round.Elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Round(round.Elapsed);
        if (round.Removed > 0)
        {
            LogPurged(round.Engagements, round.Incidents, round.Outbox, round.WrongTries, round.Audit, round.Idempotency,
                round.ReclaimedBytes, (long)round.Elapsed.TotalMilliseconds);
        }
        return round;
    }

    async Task<int> DrainAsync(string kind, Func<Instant, int, CancellationToken, Task<int>> purge, Instant before, int batch,
        CancellationToken ct)
    {
        int total = 0, removed;
        do
        {
            removed = await purge(before, batch, ct);
            total += removed;
            metrics.Purged(kind, removed);
        }
        while (removed == batch);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Retention purged {Engagements} engagements, {Incidents} incidents, {Outbox} outbox messages, {WrongTries} wrong-try counts, {Audit} audit records and {Idempotency} idempotency records; gave back {Bytes} bytes in {ElapsedMs} ms")]
    partial void LogPurged(int engagements, int incidents, int outbox, int wrongTries, int audit, int idempotency, long bytes, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another node is purging old history; this one waits for the next round")]
    partial void LogAnotherNode();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging old history failed; the next round tries again")]
    partial void LogFailed(Exception exception);
}
