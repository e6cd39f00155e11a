namespace Callout.Domain.Errors;

/// A count or size limit. QuotaCode values are ours (`L-SSMC-<NAME>`, docs/spec/domain.md §7).
public sealed class QuotaExceeded(string quotaCode, string message, string? resourceId = null, string? resourceType = null)
    : DomainException(message)
{
    public string QuotaCode { get; } = quotaCode;

    public string? ResourceId { get; } = resourceId;

    public string? ResourceType { get; } = resourceType;
}
