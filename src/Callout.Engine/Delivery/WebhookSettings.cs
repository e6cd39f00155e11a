namespace Callout.Engine.Delivery;

/// Where webhook deliveries are posted, and the secret both sides sign their bodies with.
public sealed record WebhookSettings(Uri Url, string Secret);
