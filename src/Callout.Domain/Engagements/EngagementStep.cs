using NodaTime;

namespace Callout.Domain.Engagements;

/// A piece of engine work due at a time, stored so it survives restarts. Each kind of work is a
/// type of its own carrying exactly what that kind needs, so a step that names no page cannot be
/// a send; the engine matches on the type.
public abstract record EngagementStep(string Id, string EngagementId, Instant Due)
{
    /// The W3C traceparent of the span that created the step (an API call, an alert, an earlier
    /// step), when traces are exported: the engine's span for the step continues that trace.
    public string? TraceParent { get; init; }
}

/// Send (or re-send) one page to one channel. Attempt 0 is the first send, each retry one more;
/// the page's path and whether it is essential are copied onto the page when it is created.
public sealed record SendPageStep(
    string Id,
    string EngagementId,
    Instant Due,
    string PageId,
    string ContactAlias,
    string ChannelArn,
    int Attempt,
    IReadOnlyList<ResolutionStep> Resolution,
    bool Essential) : EngagementStep(Id, EngagementId, Due);

/// Find who is on call in the schedule `ContactAlias` and enter their plans, on the path that led
/// to the schedule (ending with the schedule itself).
public sealed record EnterScheduleStep(
    string Id,
    string EngagementId,
    Instant Due,
    string ContactAlias,
    IReadOnlyList<ResolutionStep> Resolution,
    bool Essential) : EngagementStep(Id, EngagementId, Due);

/// The natural end of the engagement, when nothing more is scheduled.
public sealed record FinishStep(string Id, string EngagementId, Instant Due) : EngagementStep(Id, EngagementId, Due);
