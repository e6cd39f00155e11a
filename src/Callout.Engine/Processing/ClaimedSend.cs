using Callout.Domain.Arns;
using Callout.Domain.Engagements;

namespace Callout.Engine.Processing;

/// A claimed step the engine found to be a send (ClaimedStep, typed), so the sends of a claim are
/// grouped and run without asking each step again what it is.
public sealed record ClaimedSend(AccountScope Scope, SendPageStep Step, string Owner);
