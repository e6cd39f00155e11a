using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Callout.Protocol.Framing;

/// A hash of a request body with object members sorted and its idempotency token and paging
/// members left out: a retry with the same token can be told apart from a different request
/// reusing it (docs/spec/protocol.md §7), and a page token from one query from a token of another.
public static class RequestFingerprint
{
    public static string Compute(JsonElement body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, body, topLevel: true);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    static void Write(Utf8JsonWriter w, JsonElement e, bool topLevel)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if ((topLevel && p.Name is "IdempotencyToken" or "NextToken" or "MaxResults") || p.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value, topLevel: false);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(w, item, topLevel: false);
                }
                w.WriteEndArray();
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
