namespace Callout.Engine.Delivery;

/// Thrown by a provider when the message may or may not have reached it: the connection broke or
/// timed out after the request was written. The send is made again with the same idempotency key
/// (RetryingSender); only when every try ends in doubt does the engine record the outcome as
/// unknown. A request that surely did not leave is a passing failure (SendResult), not this.
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
