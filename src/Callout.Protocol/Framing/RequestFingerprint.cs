using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Callout.Protocol.Framing;

/// A hash of a request body with object members sorted and its idempotency token and paging
/// members left out: a retry with the same token can be told apart from a different request
/// reusing it (docs/spec/protocol.md §7), and a page token from one query from a token of another.
public static class RequestFingerprint
{
    static readonly HashSet<string> JsonOneOneSkipped = new(StringComparer.Ordinal) { "IdempotencyToken", "NextToken", "MaxResults" };

    public static string Compute(JsonElement body) => Compute(body, JsonOneOneSkipped);

    /// The same hash with the top-level members named in `skipped` left out (rest-json models
    /// spell them `clientToken`, `nextToken`, `maxResults`).
    public static string Compute(JsonElement body, IReadOnlySet<string> skipped)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, body, topLevel: true, skipped);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    static void Write(Utf8JsonWriter w, JsonElement e, bool topLevel, IReadOnlySet<string> skipped)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if ((topLevel && skipped.Contains(p.Name)) || p.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value, topLevel: false, skipped);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(w, item, topLevel: false, skipped);
                }
                w.WriteEndArray();
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
