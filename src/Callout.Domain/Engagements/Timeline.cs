using NodaTime;

namespace Callout.Domain.Engagements;

/// The steps a plan produces and the time its last stage and last retry are over. Unreached lists
/// the escalation stages that page nobody because every contact they target was deleted.
public sealed record Timeline(IReadOnlyList<EngagementStep> Steps, Instant End, IReadOnlyList<UnreachedStage> Unreached);
