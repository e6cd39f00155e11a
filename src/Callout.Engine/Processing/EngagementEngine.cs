using System.Globalization;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Callout.Engine.Processing;

/// Runs due steps. It sleeps until the earliest due time (or MaxSleep), wakes at once when told a
/// new engagement arrived, claims due steps with a lease so several nodes can share one store, and
/// runs them Concurrency at a time. Stopped, it claims nothing more, lets what runs finish within
/// EngineOptions.Drain and hands the leases of everything else back (docs/operations.md, Shutdown).
public sealed partial class EngagementEngine(
    IStore store,
    StepProcessor processor,
    EngineOptions options,
    EngineMetrics metrics,
    TimeProvider time,
    ILogger<EngagementEngine> log) : IDisposable
{
    readonly SemaphoreSlim _wake = new(0, 1);
    // One claim at a time: claims are numbered in the order they were taken (EndsAfterSends), and
    // only a claimer takes slots of _held, which is what lets WhenNothingHeldAsync take them all.
    readonly SemaphoreSlim _claiming = new(1, 1);
    // A slot per claimed step, taken before the claim (so a claim in progress counts as work in
    // flight) and given back when the step has run, however it ended.
    readonly SemaphoreSlim _held = new(options.BatchSize, options.BatchSize);
    readonly SemaphoreSlim _runners = new(options.Concurrency, options.Concurrency);
    readonly EndsAfterSends _endsAfterSends = new();
    // Cancelled when the engine is told to stop: steps not started yet stay unstarted.
    readonly CancellationTokenSource _stopping = new();
    // Cancelled once the drain bound has passed after a stop: what still runs is given up.
    readonly CancellationTokenSource _abandon = new();
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
            await ReleaseDeadLeasesAsync(ct);
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
        await StopAsync();
    }

    /// Steps claimed but not started are not started; the ones running get until the drain bound to
    /// finish, then are cancelled. The bound is real time (a process manager's stop timeout is),
    /// even under the virtual clock. Once nothing runs, every lease this run still holds is handed
    /// back, so a restarted or second node takes those steps at once instead of a lease later; a
    /// send cancelled in flight goes again there under the same key (StepProcessor).
    async Task StopAsync()
    {
        await _stopping.CancelAsync();
        var nothingHeld = WhenNothingHeldAsync(CancellationToken.None);
        var drained = await Task.WhenAny(nothingHeld, Task.Delay(options.Drain, TimeProvider.System)) == nothingHeld;
        if (!drained)
        {
            await _abandon.CancelAsync();
            await nothingHeld;
        }
        try
        {
            // Owners of this run are `{NodeId}/{n}`: none starts with `{NodeId}//`, so none is kept.
            var released = await store.ReleaseLeasesAsync(options.NodeId + "/", options.NodeId + "//", CancellationToken.None);
            LogStopped(released, drained);
        }
        catch (Exception e)
        {
            LogStopReleaseFailure(e);
        }
    }

    /// The steps this node's previous incarnation held when it died (kill -9, a crash, a power cut)
    /// are free at once, not when their leases run out a minute later: the sends among them were in
    /// flight and go again with the same key (StepProcessor). A failure here is logged and the
    /// leases run out as before.
    public async Task ReleaseDeadLeasesAsync(CancellationToken ct)
    {
        var ours = options.NodeName + "#";
        try
        {
            var released = await store.ReleaseLeasesAsync(options.SingleNode ? "" : ours, options.NodeId + "/", ct);
            if (released > 0)
            {
                LogReleased(released);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReleaseFailure(e);
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
        await _claiming.WaitAsync(ct);
        try
        {
            if (_stopping.IsCancellationRequested)
            {
                // A claim now would hold leases that the stop has already handed back.
                return 0;
            }
            var total = 0;
            while (true)
            {
                var room = await TakeRoomAsync(ct);
                var claimed = await ClaimAsync(room, ct);
                total += claimed.Count;
                if (claimed.Count < room)
                {
                    // The caller asks the store what is due next rather than claiming once more to
                    // find nothing.
                    return total;
                }
            }
        }
        finally
        {
            _claiming.Release();
        }
    }

    /// Takes the slots of _held a claim may fill: at least Concurrency of them (or the whole batch),
    /// waiting for runners to give them back, then every other one free.
    async Task<int> TakeRoomAsync(CancellationToken ct)
    {
        var least = Math.Min(options.Concurrency, options.BatchSize);
        var room = 0;
        try
        {
            for (; room < least; room++)
            {
                await _held.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            if (room > 0)
            {
                _held.Release(room);
            }
            throw;
        }
        while (room < options.BatchSize && _held.Wait(0, ct))
        {
            room++;
        }
        return room;
    }

    /// Claims at most `room` steps, holding that many slots, and sets them running; the slots the
    /// claim did not fill are given back at once.
    async Task<IReadOnlyList<ClaimedStep>> ClaimAsync(int room, CancellationToken ct)
    {
        IReadOnlyList<ClaimedStep> claimed = [];
        try
        {
            var now = time.GetUtcNow();
            // Each claim has an owner of its own, so a step this node claims again after its
            // lease ran out is not completed by the earlier, slower run as well.
            var owner = options.NodeId + "/" + (++_claims).ToString(CultureInfo.InvariantCulture);
            claimed = await store.ClaimDueStepsAsync(
                Instant.FromDateTimeOffset(now), owner, Instant.FromDateTimeOffset(now + options.Lease), room, ct);
        }
        finally
        {
            if (room > claimed.Count)
            {
                _held.Release(room - claimed.Count);
            }
        }
        metrics.InFlight(claimed.Count);
        Start(claimed);
        return claimed;
    }

    /// Sets a claim's steps running: the one place that asks what a step is. Its sends run in
    /// groups (SendGroups), its ends after its sends (EndsAfterSends), anything else on its own.
    /// Each runner gives back its steps' slots when it ends, however it ends; none is awaited here
    /// (Parallel.ForEachAsync or Task.WhenAll would hold the next claim back until the slowest send
    /// of this one is done, which is what the slots avoid). They run on the engine's own tokens,
    /// not the claimer's: a clock advance whose caller hangs up does not cut sends short.
    void Start(IReadOnlyList<ClaimedStep> claimed)
    {
        var sends = new List<ClaimedSend>();
        var ends = new List<ClaimedStep>();
        var others = new List<ClaimedStep>();
        foreach (var step in claimed)
        {
            switch (step.Step)
            {
                case SendPageStep send:
                    sends.Add(new ClaimedSend(step.Scope, send, step.Owner));
                    break;
                case FinishStep:
                    ends.Add(step);
                    break;
                default:
                    others.Add(step);
                    break;
            }
        }
        var claim = _endsAfterSends.Claimed(sends.Count);
        foreach (var group in SendGroups.Of(sends, options.SendGroupSize))
        {
            _ = RunAsync([.. group.Select(s => (EngagementStep)s.Step)], token => processor.SendPagesAsync(group, token), claim);
        }
        foreach (var step in others)
        {
            _ = RunAsync([step.Step], token => processor.ProcessAsync(step, token), null);
        }
        foreach (var step in ends)
        {
            _ = RunEndAsync(step, claim);
        }
    }

    async Task RunEndAsync(ClaimedStep step, long claim)
    {
        try
        {
            await _endsAfterSends.SendsThroughAsync(claim).WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            Finished(1);
            return;
        }
        await RunAsync([step.Step], token => processor.ProcessAsync(step, token), null);
    }

    /// Runs one step, or a group of sends, on one runner. Never throws: the caller does not wait
    /// for it. Once the engine stops, a step still waiting for a runner is not started.
    async Task RunAsync(IReadOnlyList<EngagementStep> steps, Func<CancellationToken, Task> run, long? sendsOfClaim)
    {
        try
        {
            await _runners.WaitAsync(_stopping.Token);
            try
            {
                await run(_abandon.Token);
            }
            finally
            {
                _runners.Release();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: not started, or cut short at the drain bound. StopAsync hands the lease
            // back and another node, or this one after a restart, takes the step.
        }
        catch (Exception e)
        {
            // The leases run out and the steps are tried again; a send in flight is then sent again
            // with the same key (StepProcessor).
            LogStepFailure(e, string.Join(", ", steps.Select(s => s.Id)), StepProcessor.KindOf(steps[0]));
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
        metrics.InFlight(-steps);
        _held.Release(steps);
    }

    /// Completes once no claimed step is still running. It takes every slot of _held (which only a
    /// claimer takes, so it holds the claim lock) and gives them back.
    async Task WhenNothingHeldAsync(CancellationToken ct)
    {
        await _claiming.WaitAsync(ct);
        var taken = 0;
        try
        {
            for (; taken < options.BatchSize; taken++)
            {
                await _held.WaitAsync(ct);
            }
        }
        finally
        {
            if (taken > 0)
            {
                _held.Release(taken);
            }
            _claiming.Release();
        }
    }

    /// Returns once nothing is due at the current time and nothing claimed is still running; used
    /// after moving the virtual clock.
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_stopping.IsCancellationRequested)
            {
                // A stopping node runs nothing more; what is due is left to the next one.
                return;
            }
            var claimed = await DrainAsync(ct);
            // What runs may add steps that are due at once (an escalation's next stage): look again
            // once it has all run.
            await WhenNothingHeldAsync(ct);
            var next = await store.NextDueAsync(ct);
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            if (next is null || next.Value > now)
            {
                return;
            }
            if (claimed == 0)
            {
                // Due, yet the claim found nothing: a session held the step locked as the claim ran
                // (claims skip locked rows), or a runner added it after the claim. Nothing signals
                // either to this node, so look again shortly rather than spin.
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
        _stopping.Dispose();
        _abandon.Dispose();
        _wake.Dispose();
        _claiming.Dispose();
        _held.Dispose();
        _runners.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released {Count} steps leased by this node before it restarted; their sends in flight go again with the same keys")]
    partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not release the leases of this node before its restart; they run out on their own")]
    partial void LogReleaseFailure(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped (sends in flight finished: {Drained}); handed back {Count} steps it had not done")]
    partial void LogStopped(int count, bool drained);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not hand back this node's leases at shutdown; they run out on their own")]
    partial void LogStopReleaseFailure(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine loop failed; retrying in a second")]
    partial void LogLoopFailure(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Steps {StepIds} ({Kind}) failed; they run again when their leases expire")]
    partial void LogStepFailure(Exception exception, string stepIds, string kind);
}
