namespace Callout.Domain.Errors;

/// A broken rule. Each subtype is named after the AWS error it becomes on the wire, so handlers
/// throw and one place in the server turns it into the response.
public abstract class DomainException(string message) : Exception(message);
