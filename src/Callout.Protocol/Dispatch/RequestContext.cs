namespace Callout.Protocol.Dispatch;

/// Who is calling and when: the caller's account and region come from the SigV4 credential scope,
/// and ReceivedAt is read once per request from the server's clock. Fingerprint identifies the
/// request's content apart from its idempotency token and paging members, for operations that
/// carry a token or paginate. AccessKeyId (null when unsigned) and SourceAddress (the peer's IP)
/// say who and where for the audit log, which the handler feeds through Audit.
public sealed record RequestContext(
    string RequestId,
    string Operation,
    string AccountId,
    string Region,
    DateTimeOffset ReceivedAt,
    string? Fingerprint = null,
    string? AccessKeyId = null,
    string? SourceAddress = null)
{
    public AuditNote Audit { get; init; } = new();
}
