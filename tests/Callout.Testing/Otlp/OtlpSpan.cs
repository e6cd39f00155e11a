namespace Callout.Testing.Otlp;

/// One span as an OTLP export carried it: ids as lower-case hex (ParentSpanId empty for a root),
/// its attributes and its resource's as text, and the instrumentation scope (the ActivitySource).
public sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Resource,
    int StatusCode)
{
    // opentelemetry/proto/trace/v1/trace.proto: Span.SpanKind and Status.StatusCode.
    public const int KindInternal = 1;
    public const int KindServer = 2;
    public const int KindClient = 3;
    public const int StatusError = 2;

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    public override string ToString() =>
        $"{Name} [{Scope}] trace {TraceId} span {SpanId} parent {(ParentSpanId.Length == 0 ? "-" : ParentSpanId)} "
        + string.Join(", ", Attributes.Select(a => a.Key + "=" + a.Value));
}
