using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Callout.Server.Hosting.Logging;

/// One log event as one line of JSON, the shape `--log-format json` promises (docs/operations.md):
/// `timestamp`, `level`, `category` and `message` always; `eventId`, `requestId`, `traceId`,
/// `spanId`, `exception` and `properties` (the message's named values) when there are any.
static class JsonLine
{
    // Not HTML: '<', '+' and non-ASCII text stay readable. Control characters are still escaped,
    // so a message or stack trace with line breaks stays on one line.
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    const string OriginalFormat = "{OriginalFormat}";

    public static string Format(DateTimeOffset timestamp, LogLevel level, string category, int eventId, string message,
        IReadOnlyList<KeyValuePair<string, object?>>? properties, Exception? exception)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("level", level.ToString());
            w.WriteString("category", category);
            if (eventId != 0)
            {
                w.WriteNumber("eventId", eventId);
            }
            w.WriteString("message", message);
            // Every request's line names its request id as {RequestId} (the id its answer carries).
            if (Find(properties, "RequestId") is { } requestId)
            {
                w.WriteString("requestId", requestId.ToString());
            }
            // The request's W3C trace, which ASP.NET Core starts for each request; a proxy's
            // traceparent header continues the caller's.
            if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
            {
                w.WriteString("traceId", activity.TraceId.ToHexString());
                w.WriteString("spanId", activity.SpanId.ToHexString());
            }
            if (exception is not null)
            {
                w.WriteString("exception", exception.ToString());
            }
            WriteProperties(w, properties);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static object? Find(IReadOnlyList<KeyValuePair<string, object?>>? properties, string name)
    {
        if (properties is null)
        {
            return null;
        }
        foreach (var (key, value) in properties)
        {
            if (key == name)
            {
                return value;
            }
        }
        return null;
    }

    static void WriteProperties(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, object?>>? properties)
    {
        if (properties is null || !properties.Any(p => p.Key != OriginalFormat))
        {
            return;
        }
        w.WriteStartObject("properties");
        foreach (var (key, value) in properties)
        {
            if (key == OriginalFormat)
            {
                continue;
            }
            switch (value)
            {
                case null:
                    w.WriteNull(key);
                    break;
                case bool b:
                    w.WriteBoolean(key, b);
                    break;
                case int or long or short or byte or uint or ushort or sbyte:
                    w.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ulong n:
                    w.WriteNumber(key, n);
                    break;
                case decimal n:
                    w.WriteNumber(key, n);
                    break;
                // JSON has no NaN or infinity; those stay text.
                case double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                    w.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
        w.WriteEndObject();
    }
}
