namespace Callout.Engine.Delivery;

/// Where webhook deliveries are posted, and the secrets both sides sign with, newest first: our
/// posts carry a signature per secret, and an acknowledgement signed with any of them is accepted,
/// so a secret can be rotated without a moment where one side refuses the other.
public sealed record WebhookSettings(Uri Url, IReadOnlyList<WebhookSecret> Secrets);
