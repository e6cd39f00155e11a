namespace Callout.Bench.Engine;

/// One StartEngagement call: the ARN (null when it failed), how long the call took, and the error.
sealed record StartedEngagement(int Index, Person Person, string? Arn, double LatencyMs, string? Error);
