using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Callout.Protocol.Errors;

namespace Callout.Protocol.Framing;

/// The awsJson1_1 response side: the content type, and bodies for results and errors.
public static class ResponseFraming
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    static readonly JsonWriterOptions WriterOptions = new()
    {
        // API JSON is never embedded in HTML, so '+' and '<' need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static byte[] Result(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// `__type` and `Message` always, then the shape's members (docs/spec/protocol.md §3).
    public static byte[] Error(ApiException error) => Result(w =>
    {
        w.WriteStartObject();
        w.WriteString("__type", error.Code);
        w.WriteString("Message", error.Message);
        error.WriteMembers(w);
        w.WriteEndObject();
    });
}
