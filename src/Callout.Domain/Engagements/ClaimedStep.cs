using Callout.Domain.Arns;

namespace Callout.Domain.Engagements;

/// A due step leased to one engine node, with the scope its engagement belongs to.
public sealed record ClaimedStep(AccountScope Scope, EngagementStep Step);
