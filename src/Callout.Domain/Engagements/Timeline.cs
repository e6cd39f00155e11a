using NodaTime;

namespace Callout.Domain.Engagements;

/// The steps a plan produces and the time its last stage and last retry are over.
public sealed record Timeline(IReadOnlyList<EngagementStep> Steps, Instant End);
