using System.Globalization;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Callout.Engine.Processing;

/// Runs due steps. It sleeps until the earliest due time (or MaxSleep), wakes at once when told a
/// new engagement arrived, claims due steps with a lease so several nodes can share one store, and
/// runs them Concurrency at a time.
public sealed partial class EngagementEngine(
    IStore store,
    StepProcessor processor,
    EngineOptions options,
    EngineMetrics metrics,
    TimeProvider time,
    ILogger<EngagementEngine> log) : IDisposable
{
    readonly SemaphoreSlim _wake = new(0, 1);
    readonly SemaphoreSlim _runners = new(options.Concurrency, options.Concurrency);
    readonly EndsAfterSends _endsAfterSends = new();
    // Completed (and replaced) each time a claimed step or a claim finishes.
    TaskCompletionSource _freed = NewSignal();
    int _inFlight;
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
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await TurnAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogLoopFailure(e);
                    await SleepAsync(TimeSpan.FromSeconds(1), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        // The steps still running see the cancellation and end; let them, before the services they
        // use are disposed.
        while (true)
        {
            var freed = _freed.Task;
            if (Volatile.Read(ref _inFlight) == 0)
            {
                return;
            }
            await freed;
        }
    }

    /// Claims what is due, then sleeps until the next due time.
    async Task TurnAsync(CancellationToken ct)
    {
        var claimed = await DrainAsync(ct);
        if (claimed > 0)
        {
            // Under load a step falls due every millisecond or two, and asking the store when the
            // next one is would cost as much as claiming it: claim again after the shortest sleep.
            // The first claim that finds nothing asks.
            await SleepAsync(options.MinSleep, ct);
            return;
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

    /// Claims due steps and sets them running until a claim comes back short (everything due when
    /// it ran is claimed). It does not wait for them: the runners work through the claimed steps
    /// while the engine claims again as they free up, so one slow send holds back only itself.
    /// At most BatchSize steps are held at a time, and a claim waits until at least Concurrency of
    /// them (or the whole batch) are free, so claims stay few under load. Returns the number claimed.
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var freed = _freed.Task;
            var room = options.BatchSize - Volatile.Read(ref _inFlight);
            if (room < Math.Min(options.Concurrency, options.BatchSize))
            {
                await freed.WaitAsync(ct);
                continue;
            }
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
                    Instant.FromDateTimeOffset(now), owner, Instant.FromDateTimeOffset(now + options.Lease), room, ct);
                Interlocked.Add(ref _inFlight, claimed.Count);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                // Whoever waits for work in flight to end may be waiting for this claim alone.
                Signal();
            }
            metrics.InFlight(claimed.Count);
            Start(claimed, ct);
            total += claimed.Count;
            if (claimed.Count < room)
            {
                // The caller asks the store what is due next rather than claiming once more to
                // find nothing.
                return total;
            }
        }
    }

    /// Sets a claim's steps running, its sends in groups (SendGroups), its ends after its sends
    /// (EndsAfterSends).
    void Start(IReadOnlyList<ClaimedStep> claimed, CancellationToken ct)
    {
        var ends = claimed.Where(c => c.Step.Kind == StepKind.Finish).ToList();
        var claim = _endsAfterSends.Claimed(claimed.Count - ends.Count);
        foreach (var group in SendGroups.Of(claimed.Where(c => c.Step.Kind == StepKind.SendPage), options.SendGroupSize))
        {
            _ = RunAsync(group, claim, ct);
        }
        foreach (var step in claimed)
        {
            if (step.Step.Kind is not (StepKind.SendPage or StepKind.Finish))
            {
                _ = RunAsync([step], claim, ct);
            }
        }
        foreach (var step in ends)
        {
            _ = RunEndAsync(step, claim, ct);
        }
    }

    async Task RunEndAsync(ClaimedStep step, long claim, CancellationToken ct)
    {
        try
        {
            await _endsAfterSends.SendsThroughAsync(claim).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            Finished(1);
            return;
        }
        await RunAsync([step], null, ct);
    }

    /// Runs one step, or a group of sends, on one runner. Never throws: the caller does not wait
    /// for it.
    async Task RunAsync(IReadOnlyList<ClaimedStep> steps, long? sendsOfClaim, CancellationToken ct)
    {
        try
        {
            await _runners.WaitAsync(ct);
            try
            {
                await (steps[0].Step.Kind == StepKind.SendPage ? processor.SendPagesAsync(steps, ct) : processor.ProcessAsync(steps[0], ct));
            }
            finally
            {
                _runners.Release();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another node, or this one after a restart,
            // takes the steps.
        }
        catch (Exception e)
        {
            // The leases run out and the steps are tried again; a send in flight is then recorded
            // as of unknown outcome rather than repeated.
            LogStepFailure(e, string.Join(", ", steps.Select(s => s.Step.Id)), steps[0].Step.Kind.ToString());
        }
        finally
        {
            if (sendsOfClaim is { } claim)
            {
                _endsAfterSends.SendDone(claim, steps.Count);
            }
            Finished(steps.Count);
        }
    }

    void Finished(int steps)
    {
        Interlocked.Add(ref _inFlight, -steps);
        metrics.InFlight(-steps);
        Signal();
    }

    void Signal() => Interlocked.Exchange(ref _freed, NewSignal()).TrySetResult();

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// Returns once nothing is due at the current time and nothing claimed is still running; used
    /// after moving the virtual clock.
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        while (true)
        {
            await DrainAsync(ct);
            var freed = _freed.Task;
            var next = await store.NextDueAsync(ct);
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            if (Volatile.Read(ref _inFlight) > 0)
            {
                // What runs may add steps that are due at once (an escalation's next stage).
                await freed.WaitAsync(ct);
            }
            else if (next is null || next.Value > now)
            {
                return;
            }
            else
            {
                // Another runner holds the remaining work; let it finish.
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, ct);
            }
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

    public void Dispose()
    {
        _wake.Dispose();
        _runners.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine loop failed; retrying in a second")]
    partial void LogLoopFailure(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Steps {StepIds} ({Kind}) failed; they run again when their leases expire")]
    partial void LogStepFailure(Exception exception, string stepIds, string kind);
}
