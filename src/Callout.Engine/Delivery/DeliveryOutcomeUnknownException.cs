namespace Callout.Engine.Delivery;

/// Thrown by a provider when the message may or may not have reached it: the connection broke or
/// timed out after the request was written. The engine records the outcome as unknown and never
/// sends again (IMessageSender), so this must not be thrown when the request surely did not leave.
public sealed class DeliveryOutcomeUnknownException : Exception
{
    public DeliveryOutcomeUnknownException()
    {
    }

    public DeliveryOutcomeUnknownException(string message) : base(message)
    {
    }

    public DeliveryOutcomeUnknownException(string message, Exception inner) : base(message, inner)
    {
    }
}
