using System.Globalization;

namespace Callout.Testing.Otlp;

/// Decodes an ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1/trace_service.proto)
/// into its spans. Field numbers are those of the OTLP protos:
/// ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
/// ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
/// Resource { repeated KeyValue attributes = 1; }
/// ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }  InstrumentationScope { string name = 1; }
/// Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
///        repeated KeyValue attributes = 9; Status status = 15; }  Status { StatusCode code = 3; }
/// KeyValue { string key = 1; AnyValue value = 2; }
/// AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; ... } }
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<OtlpSpan> Decode(ReadOnlyMemory<byte> body)
    {
        var spans = new List<OtlpSpan>();
        var request = new ProtobufReader(body);
        while (request.Next())
        {
            if (request.Field == 1 && request.WireType == ProtobufReader.LengthDelimited)
            {
                ReadResourceSpans(request.ReadMessage(), spans);
            }
            else
            {
                request.Skip();
            }
        }
        return spans;
    }

    static void ReadResourceSpans(ProtobufReader reader, List<OtlpSpan> spans)
    {
        var resource = new Dictionary<string, string>(StringComparer.Ordinal);
        var scopes = new List<ReadOnlyMemory<byte>>();
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    var r = reader.ReadMessage();
                    while (r.Next())
                    {
                        if (r.Field == 1 && r.WireType == ProtobufReader.LengthDelimited)
                        {
                            ReadKeyValue(r.ReadMessage(), resource);
                        }
                        else
                        {
                            r.Skip();
                        }
                    }
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    // The resource may come after its spans on the wire; read the spans once it is known.
                    scopes.Add(reader.ReadBytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        foreach (var scope in scopes)
        {
            ReadScopeSpans(new ProtobufReader(scope), resource, spans);
        }
    }

    static void ReadScopeSpans(ProtobufReader reader, IReadOnlyDictionary<string, string> resource, List<OtlpSpan> spans)
    {
        var scopeName = "";
        var raw = new List<ReadOnlyMemory<byte>>();
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    var scope = reader.ReadMessage();
                    while (scope.Next())
                    {
                        if (scope.Field == 1 && scope.WireType == ProtobufReader.LengthDelimited)
                        {
                            scopeName = scope.ReadString();
                        }
                        else
                        {
                            scope.Skip();
                        }
                    }
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    raw.Add(reader.ReadBytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        spans.AddRange(raw.Select(s => ReadSpan(new ProtobufReader(s), scopeName, resource)));
    }

    static OtlpSpan ReadSpan(ProtobufReader reader, string scope, IReadOnlyDictionary<string, string> resource)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        var status = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    traceId = Convert.ToHexStringLower(reader.ReadBytes().Span);
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    spanId = Convert.ToHexStringLower(reader.ReadBytes().Span);
                    break;
                case (4, ProtobufReader.LengthDelimited):
                    parentSpanId = Convert.ToHexStringLower(reader.ReadBytes().Span);
                    break;
                case (5, ProtobufReader.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (6, ProtobufReader.Varint):
                    kind = (int)reader.ReadVarint();
                    break;
                case (9, ProtobufReader.LengthDelimited):
                    ReadKeyValue(reader.ReadMessage(), attributes);
                    break;
                case (15, ProtobufReader.LengthDelimited):
                    var s = reader.ReadMessage();
                    while (s.Next())
                    {
                        if (s.Field == 3 && s.WireType == ProtobufReader.Varint)
                        {
                            status = (int)s.ReadVarint();
                        }
                        else
                        {
                            s.Skip();
                        }
                    }
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new OtlpSpan(traceId, spanId, parentSpanId, name, kind, scope, attributes, resource, status);
    }

    static void ReadKeyValue(ProtobufReader reader, Dictionary<string, string> into)
    {
        string? key = null;
        string? value = null;
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    key = reader.ReadString();
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    value = ReadAnyValue(reader.ReadMessage());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (key is not null)
        {
            into[key] = value ?? "";
        }
    }

    /// Scalars as text (a bool as true/false); arrays, maps and bytes, which Callout does not send,
    /// as an empty text.
    static string ReadAnyValue(ProtobufReader reader)
    {
        var value = "";
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    value = reader.ReadString();
                    break;
                case (2, ProtobufReader.Varint):
                    value = reader.ReadVarint() != 0 ? "true" : "false";
                    break;
                case (3, ProtobufReader.Varint):
                    value = ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                    break;
                case (4, ProtobufReader.Fixed64):
                    value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64()).ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return value;
    }
}
