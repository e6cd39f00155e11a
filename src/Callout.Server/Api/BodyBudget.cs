namespace Callout.Server.Api;

/// The bytes of request bodies held at once across every request (`--max-buffered-bytes`). A body
/// is buffered whole, because SigV4 signs its hash; without a shared limit, many connections each
/// sending the largest body allowed would hold the server's memory between them.
sealed class BodyBudget(long capacity)
{
    long _held;

    public bool TryTake(long bytes)
    {
        if (Interlocked.Add(ref _held, bytes) <= capacity)
        {
            return true;
        }
        Interlocked.Add(ref _held, -bytes);
        return false;
    }

    public void Give(long bytes) => Interlocked.Add(ref _held, -bytes);
}
