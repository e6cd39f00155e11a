using NodaTime;

namespace Callout.Domain.Audit;

/// One state-changing call, as the audit log keeps it: when, in which account and region, by whom
/// (an access key id, the channel ARN of a person answering a page, or "operator" for Callout's
/// own admin endpoints), from which address, what it did to which resource, and how it ended
/// (AuditRecord.Success or the error code it was refused with).
public sealed record AuditRecord(
    Instant Time,
    string AccountId,
    string Region,
    string Caller,
    string? SourceAddress,
    string Operation,
    string? ResourceArn,
    string RequestId,
    string Outcome)
{
    public const string Success = "Success";
}
