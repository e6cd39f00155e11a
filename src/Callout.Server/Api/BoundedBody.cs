using System.Buffers;
using System.IO.Pipelines;

namespace Callout.Server.Api;

/// Reads a whole request body, which SigV4 signs the hash of (docs/spec/protocol.md §9), up to a limit
/// and within the server's budget of buffered bytes.
static class BoundedBody
{
    public enum Refusal
    {
        None,
        TooLarge,
        OverBudget,
    }

    /// The body, which holds its length of `budget` until the caller gives it back; or null and why:
    /// the body is, or declares itself, larger than `limit` (each protocol words that its own way), or
    /// the budget has no room for it. A refused or failed read gives back what it took.
    public static async Task<(byte[]? Body, Refusal Refusal)> ReadAsync(
        PipeReader reader, long? declared, long limit, BodyBudget budget, CancellationToken ct)
    {
        if (declared > limit)
        {
            return (null, Refusal.TooLarge);
        }
        long taken = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(ct);
                var buffer = result.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    budget.Give(taken);
                    return (null, Refusal.TooLarge);
                }
                if (buffer.Length > taken)
                {
                    if (!budget.TryTake(buffer.Length - taken))
                    {
                        reader.AdvanceTo(buffer.End);
                        budget.Give(taken);
                        return (null, Refusal.OverBudget);
                    }
                    taken = buffer.Length;
                }
                if (result.IsCompleted)
                {
                    var bytes = buffer.ToArray();
                    reader.AdvanceTo(buffer.End);
                    return (bytes, Refusal.None);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch
        {
            budget.Give(taken);
            throw;
        }
    }
}
