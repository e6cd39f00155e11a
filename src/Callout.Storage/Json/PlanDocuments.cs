namespace Callout.Storage.Json;

internal sealed record PlanDocument(IReadOnlyList<StageDocument>? Stages, IReadOnlyList<string>? Rotations);

internal sealed record StageDocument(int Minutes, IReadOnlyList<TargetDocument>? Targets);

/// Exactly one of Channel and Contact is set for a valid plan (PlanRules).
internal sealed record TargetDocument(string? Channel, int? Retry, string? Contact, bool? Essential);
