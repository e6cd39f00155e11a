using NodaTime;

namespace Callout.Domain.Engagements;

public enum DeliveryStatus
{
    /// Handed to the provider; the outcome is not known yet. Found after a crash, the send is made
    /// again with the same key.
    Pending,
    Sent,
    Failed,
    Unknown,
}

/// One send of one page, keyed `{pageId}:{attempt}`, written before the provider is called so a
/// send is never made twice.
public sealed record DeliveryRecord(string Key, string PageId, DeliveryStatus Status, string? ProviderMessageId, Instant UpdatedAt);
