using NodaTime;

namespace Callout.Domain.Errors;

/// A rate was exceeded; it becomes ThrottlingException (docs/spec/domain.md §7: rates →
/// ThrottlingException), which clients retry after a back-off.
public sealed class Throttled(string message, Duration retryAfter) : DomainException(message)
{
    public Duration RetryAfter { get; } = retryAfter;
}
