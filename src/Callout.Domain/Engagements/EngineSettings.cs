namespace Callout.Domain.Engagements;

/// How the engine repeats pages. The model only says pages are retried; retrying unacknowledged
/// sends and the cap are our choice (docs/spec/domain.md §3.4).
public sealed record EngineSettings
{
    public int MaxRetries { get; init; } = 3;
}
