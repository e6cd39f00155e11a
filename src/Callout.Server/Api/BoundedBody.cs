using System.Buffers;
using System.IO.Pipelines;

namespace Callout.Server.Api;

/// Reads a whole request body, which SigV4 signs the hash of (docs/spec/protocol.md §9), up to a limit.
static class BoundedBody
{
    /// Null when the body is, or declares itself, larger than `limit`; each protocol words that its own way.
    public static async Task<byte[]?> ReadAsync(PipeReader reader, long? declared, long limit, CancellationToken ct)
    {
        if (declared > limit)
        {
            return null;
        }
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            if (result.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
