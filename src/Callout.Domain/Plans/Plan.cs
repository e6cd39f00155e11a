namespace Callout.Domain.Plans;

/// Stages for personal and escalation contacts, rotation ARNs for on-call schedules.
public sealed record Plan(IReadOnlyList<Stage> Stages, IReadOnlyList<string> RotationIds)
{
    public static readonly Plan Empty = new([], []);
}
