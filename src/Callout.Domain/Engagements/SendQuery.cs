namespace Callout.Domain.Engagements;

/// What the engine asks the store before a send (IStoreSession.ReadSendStatesAsync): the step,
/// the channel it pages (null when its ARN names none), the key of its delivery record and the
/// claim that runs it.
public sealed record SendQuery(SendPageStep Step, string? ChannelId, string DeliveryKey, string Owner);
