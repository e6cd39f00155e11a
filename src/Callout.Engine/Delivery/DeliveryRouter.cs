using Callout.Domain.Channels;

namespace Callout.Engine.Delivery;

/// Chooses the provider for each channel type, as configured; the local outbox serves any type
/// without one.
public sealed class DeliveryRouter(IReadOnlyDictionary<ChannelKind, IMessageSender> providers, IMessageSender fallback)
{
    public IMessageSender For(ChannelKind channel) => providers.TryGetValue(channel, out var p) ? p : fallback;

    /// Whether a real provider (not the local outbox) serves this channel type; activation codes
    /// stay in the outbox, inside the caller's transaction, when none does.
    public bool HasProvider(ChannelKind channel) => providers.ContainsKey(channel);
}
