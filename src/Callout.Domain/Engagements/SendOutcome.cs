namespace Callout.Domain.Engagements;

/// What the engine records once a provider answered a send: the receipt (SENT or ERROR), the
/// delivery record with its final status, and the step the claim `Owner` ran. An accepted send
/// also sets the page's SentTime to the receipt's time.
public sealed record SendOutcome(Receipt Receipt, DeliveryRecord Delivery, string StepId, string Owner)
{
    public bool Accepted => Delivery.Status == DeliveryStatus.Sent;
}
