namespace Callout.Protocol.Dispatch;

/// What the model says about one operation: its shapes, the errors it may raise, the list it
/// paginates (if any) and whether it carries an idempotency token.
public sealed record OperationDescriptor(
    string Name,
    Type InputType,
    Type OutputType,
    IReadOnlyList<string> Errors,
    string? PaginatedResultKey,
    bool HasIdempotencyToken);
