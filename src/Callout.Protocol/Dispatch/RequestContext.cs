namespace Callout.Protocol.Dispatch;

/// Who is calling and when: the caller's account and region come from the SigV4 credential scope,
/// and ReceivedAt is read once per request from the server's clock. Fingerprint identifies the
/// request's content apart from its idempotency token and paging members, for operations that
/// carry a token or paginate.
public sealed record RequestContext(
    string RequestId,
    string Operation,
    string AccountId,
    string Region,
    DateTimeOffset ReceivedAt,
    string? Fingerprint = null);
