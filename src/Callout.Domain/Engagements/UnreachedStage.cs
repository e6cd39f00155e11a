namespace Callout.Domain.Engagements;

/// Stage `StageIndex` of escalation plan `ContactAlias` pages nobody. AWS runs such a stage without
/// an error (docs/spec/domain.md §8.5), so the engine only reports it.
public sealed record UnreachedStage(string ContactAlias, int StageIndex, NobodyReason Reason);
