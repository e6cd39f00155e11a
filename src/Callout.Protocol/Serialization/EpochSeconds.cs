using System.Text.Json;

namespace Callout.Protocol.Serialization;

/// Timestamps go out as epoch seconds with at most three decimals and never an exponent
/// (docs/spec/protocol.md §2); decimal division gives exactly that.
public static class EpochSeconds
{
    public static void Write(Utf8JsonWriter w, DateTimeOffset value) =>
        w.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
}
