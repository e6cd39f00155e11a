namespace Callout.Domain.Errors;

/// A business rule the model cannot express; it becomes ValidationException with Reason OTHER.
public sealed class InvalidRequest(string message, string? field = null) : DomainException(message)
{
    public string? Field { get; } = field;
}
