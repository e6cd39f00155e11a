namespace Callout.Protocol.Auth;

/// The request as received. Path is the path exactly as sent, still percent-encoded (the request
/// target before its '?'), because the canonical URI encodes it once more
/// (CanonicalRequest.EncodePath); QueryString may keep its leading '?'. Header names are as sent and matched case-insensitively; a header sent twice may appear as two entries.
/// Body must be the raw bytes, buffered before any JSON parsing.
public sealed record SignedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);
