namespace Callout.Protocol.Auth;

/// The request as received. Path is the decoded path (ASP.NET Core's HttpRequest.Path), because the
/// canonical URI encodes each segment twice; QueryString may keep its leading '?'. Header names are
/// as sent and matched case-insensitively; a header sent twice may appear as two entries.
/// Body must be the raw bytes, buffered before any JSON parsing.
public sealed record SignedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);
