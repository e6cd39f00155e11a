namespace Callout.Engine.Delivery;

/// A delivery provider. SendAsync returns once the provider has accepted or refused the message;
/// it throws only when the outcome is unknown (the connection broke after the request was sent,
/// or the call was cancelled). An outcome in doubt is tried again with the same idempotency key
/// (RetryingSender), so a sender passes the key on wherever its provider can use it.
public interface IMessageSender
{
    /// The provider's name in logs and metrics: `outbox`, `smtp`, `twilio`, `webhook`.
    string Name { get; }

    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct);
}
