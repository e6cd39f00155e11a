namespace Callout.Protocol.Auth;

/// AccessKeyId and Region come from the SigV4 credential scope (docs/spec/protocol.md §5). Both are null
/// when the request carried no usable Authorization header, which only Off mode lets through.
public sealed record CallerScope(string? AccessKeyId, string? Region);
