using NodaTime;

namespace Callout.Domain.Engagements;

public enum ReceiptKind
{
    Sent,
    Delivered,
    Read,
    Error,
    Stop,
}

/// What happened to a page, when (docs/spec/domain.md §2.7).
public sealed record Receipt(string PageId, string? ChannelId, ReceiptKind Kind, string? Info, Instant Time);

/// The Info of STOP receipts.
public static class StopReasons
{
    public const string OptOut = "OPT_OUT";
    public const string EngagementStopped = "ENGAGEMENT_STOPPED";
    public const string AcknowledgedElsewhere = "ACKNOWLEDGED_ELSEWHERE";
}
