using NodaTime;

namespace Callout.Domain;

/// Count and rate limits. AWS does not publish most of them; these defaults are ours
/// (docs/spec/domain.md §7) and can be changed in configuration.
public sealed record ServiceLimits
{
    public int ContactsPerAccount { get; init; } = 1000;
    public int ChannelsPerContact { get; init; } = 10;
    public int StagesPerPlan { get; init; } = 10;
    public int TargetsPerStage { get; init; } = 10;
    public int RotationsPerSchedule { get; init; } = 8;
    public int TagsPerResource { get; init; } = 50;
    public int RotationsPerAccount { get; init; } = 1000;
    public int ActiveOverridesPerRotation { get; init; } = 200;
    public int CalendarFeedsPerAccount { get; init; } = 1000;
    public int AlertSourcesPerAccount { get; init; } = 1000;
    public int ActivationCodesPerHour { get; init; } = 5;
    public Duration ActivationCodeLifetime { get; init; } = Duration.FromHours(24);

    /// After this many wrong tries a code no longer works, even the right one (docs/security.md, Codes).
    public int WrongTriesPerCode { get; init; } = 5;

    /// Wrong tries an account may make at once, at any of its codes, before it is throttled
    /// (docs/security.md, Codes); one more is allowed every WrongTryRefill.
    public int WrongTriesPerAccount { get; init; } = 20;
    public Duration WrongTryRefill { get; init; } = Duration.FromMinutes(1);
}
