namespace Callout.Testing;

/// What Callout answered to a callback the sink sent it.
public sealed record SinkResponse(int Status, string Body, string? ContentType);
