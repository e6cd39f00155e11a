using Callout.Domain.Arns;

namespace Callout.Domain.Engagements;

/// A due step leased to one claim of one engine node, with the scope its engagement belongs to.
/// `Owner` names the claim; completing the step checks it, so a runner whose lease ran out and
/// whose step another runner claimed cannot complete it a second time.
public sealed record ClaimedStep(AccountScope Scope, EngagementStep Step, string Owner);
