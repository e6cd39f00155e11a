namespace Callout.Engine.Processing;

/// Keeps an engagement's end behind the sends this node claimed with it or before it. When the
/// last retry is the last thing in a plan, the end falls due at the same instant; ending first would
/// make the retry find the engagement stopped and drop it. Claims are numbered in order, and an end
/// of claim n waits until no send of claims 1..n is still running. Claims are taken earliest first,
/// so every send due before an end was claimed with it or earlier (sends another node holds are
/// the end's own concern: FinishAsync looks for pending steps).
sealed class EndsAfterSends
{
    readonly Lock _gate = new();
    // Claim number → its sends still running; only claims with sends left are here.
    readonly SortedDictionary<long, int> _running = [];
    readonly List<(long Claim, TaskCompletionSource Released)> _waiting = [];
    long _claims;

    /// Numbers a new claim with this many sends.
    public long Claimed(int sends)
    {
        lock (_gate)
        {
            var claim = ++_claims;
            if (sends > 0)
            {
                _running.Add(claim, sends);
            }
            return claim;
        }
    }

    /// `sends` sends of the claim have finished (one, or a group run together), however they ended.
    public void SendDone(long claim, int sends = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sends, 1);
        lock (_gate)
        {
            if ((_running[claim] -= sends) > 0)
            {
                return;
            }
            _running.Remove(claim);
            var oldest = _running.Count == 0 ? long.MaxValue : _running.Keys.First();
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Claim < oldest)
                {
                    _waiting[i].Released.TrySetResult();
                    _waiting.RemoveAt(i);
                }
            }
        }
    }

    /// Completes once no send of this claim or an earlier one is running.
    public Task SendsThroughAsync(long claim)
    {
        lock (_gate)
        {
            if (_running.Count == 0 || _running.Keys.First() > claim)
            {
                return Task.CompletedTask;
            }
            var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((claim, released));
            return released.Task;
        }
    }
}
