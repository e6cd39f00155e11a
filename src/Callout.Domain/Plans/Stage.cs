namespace Callout.Domain.Plans;

public sealed record Stage(int DurationInMinutes, IReadOnlyList<Target> Targets);
