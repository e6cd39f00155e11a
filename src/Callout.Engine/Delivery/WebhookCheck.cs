namespace Callout.Engine.Delivery;

/// What WebhookVerification found in a signed post.
public enum WebhookCheck
{
    Valid,

    /// webhook-id, webhook-timestamp or webhook-signature is absent or not of the standard's form.
    Malformed,

    /// No signature in webhook-signature is that of a configured secret.
    BadSignature,

    /// Signed more than WebhookVerification.Tolerance ago.
    TooOld,

    /// Signed more than WebhookVerification.Tolerance ahead of now.
    TooNew,
}
