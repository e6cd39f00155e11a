using NodaTime;

namespace Callout.Domain.Engagements;

public enum StepKind
{
    /// Send (or re-send) one page to one channel.
    SendPage,

    /// Find who is on call in a schedule and enter their plans.
    EnterSchedule,

    /// The natural end of the engagement, when nothing more is scheduled.
    Finish,
}

/// A piece of engine work due at a time, stored so it survives restarts. Only the members of its
/// kind are set.
public sealed record EngagementStep(
    string Id,
    string EngagementId,
    StepKind Kind,
    Instant Due,
    string? PageId = null,
    string? ContactAlias = null,
    string? ChannelArn = null,
    int Attempt = 0,
    IReadOnlyList<ResolutionStep>? Resolution = null,
    bool Essential = false);
