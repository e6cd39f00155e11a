using System.Globalization;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Callout.Engine.Processing;

/// Runs due steps. It sleeps until the earliest due time (or MaxSleep), wakes at once when told a
/// new engagement arrived, claims due steps with a lease so several nodes can share one store, and
/// runs them a bounded number at a time.
public sealed partial class EngagementEngine(
    IContactStore store,
    StepProcessor processor,
    EngineOptions options,
    EngineMetrics metrics,
    TimeProvider time,
    ILogger<EngagementEngine> log) : IDisposable
{
    readonly SemaphoreSlim _wake = new(0, 1);
    static readonly Duration RunningCountInterval = Duration.FromSeconds(5);
    int _inFlight;
    Instant _lastCount = Instant.MinValue;
    long _claims;

    /// New work may be due now.
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(ct);
                var counted = Instant.FromDateTimeOffset(time.GetUtcNow());
                // Counting reads every running engagement; under load the loop turns many times a
                // second, and the gauge needs no more than a fresh value every few seconds.
                if (counted - _lastCount >= RunningCountInterval || counted < _lastCount)
                {
                    metrics.Running(await store.CountRunningEngagementsAsync(ct));
                    _lastCount = counted;
                }
                var next = await store.NextDueAsync(ct);
                var now = Instant.FromDateTimeOffset(time.GetUtcNow());
                var sleep = next is null ? options.MaxSleep : (next.Value - now).ToTimeSpan();
                if (sleep > TimeSpan.Zero)
                {
                    var longest = sleep < options.MaxSleep ? sleep : options.MaxSleep;
                    await SleepAsync(longest > options.MinSleep ? longest : options.MinSleep, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLoopFailure(e);
                await SleepAsync(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    /// Claims and runs batches until nothing is due at the current time. Returns the number run.
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            // A claim in progress counts as work in flight: once it commits, its steps look leased
            // (not due) to WaitIdleAsync, so without this a virtual-clock advance could see the
            // engine idle and move time on before the claimed steps have run.
            Interlocked.Increment(ref _inFlight);
            IReadOnlyList<ClaimedStep> claimed;
            try
            {
                // Each claim has an owner of its own, so a step this node claims again after its
                // lease ran out is not completed by the earlier, slower run as well.
                var owner = options.NodeId + "/" + Interlocked.Increment(ref _claims).ToString(CultureInfo.InvariantCulture);
                claimed = await store.ClaimDueStepsAsync(
                    Instant.FromDateTimeOffset(now), owner, Instant.FromDateTimeOffset(now + options.Lease), options.BatchSize, ct);
                Interlocked.Add(ref _inFlight, claimed.Count);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
            if (claimed.Count == 0)
            {
                return total;
            }
            metrics.InFlight(claimed.Count);
            try
            {
                // An engagement's end is due with its last retry when that retry is the last thing
                // in the plan; ending it first would make the retry find it stopped. Ends therefore
                // run after the rest of their batch.
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct };
                await Parallel.ForEachAsync(claimed.Where(c => c.Step.Kind != StepKind.Finish), parallel, RunAsync);
                await Parallel.ForEachAsync(claimed.Where(c => c.Step.Kind == StepKind.Finish), parallel, RunAsync);
            }
            finally
            {
                Interlocked.Add(ref _inFlight, -claimed.Count);
                metrics.InFlight(-claimed.Count);
            }
            total += claimed.Count;
            if (claimed.Count < options.BatchSize)
            {
                // Everything due when the claim ran has been run: the caller asks the store what
                // is due next rather than claiming once more to find nothing.
                return total;
            }
        }
    }

    async ValueTask RunAsync(ClaimedStep step, CancellationToken ct)
    {
        try
        {
            await processor.ProcessAsync(step, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out and the step is tried again; a send in flight is then recorded as
            // of unknown outcome rather than repeated.
            LogStepFailure(e, step.Step.Id, step.Step.Kind.ToString());
        }
    }

    /// Returns once nothing is due at the current time and nothing claimed is still running; used
    /// after moving the virtual clock.
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        while (true)
        {
            await DrainAsync(ct);
            var next = await store.NextDueAsync(ct);
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            if (Volatile.Read(ref _inFlight) == 0 && (next is null || next.Value > now))
            {
                return;
            }
            // Another runner holds the remaining work; let it finish.
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, ct);
        }
    }

    async Task SleepAsync(TimeSpan delay, CancellationToken ct)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var wake = _wake.WaitAsync(woken.Token);
        var timer = Task.Delay(delay, time, woken.Token);
        await Task.WhenAny(wake, timer);
        await woken.CancelAsync();
        try
        {
            await Task.WhenAll(wake, timer);
        }
        catch (OperationCanceledException)
        {
            // One of the two ended the sleep; the other was cancelled.
        }
        ct.ThrowIfCancellationRequested();
    }

    public void Dispose() => _wake.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine loop failed; retrying in a second")]
    partial void LogLoopFailure(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Step {StepId} ({Kind}) failed; it runs again when its lease expires")]
    partial void LogStepFailure(Exception exception, string stepId, string kind);
}
