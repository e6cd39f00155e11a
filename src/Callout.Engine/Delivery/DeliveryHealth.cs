using System.Collections.Concurrent;
using Callout.Domain;

namespace Callout.Engine.Delivery;

/// What this node's providers did lately: per provider, the last accepted send and the last
/// refused or failed one with its error, and the newest sends of any outcome. Kept in memory since
/// start-up (the store records a send's status but not its provider or error), for the console's
/// delivery health and message log; GET /metrics has the counters.
public sealed class DeliveryHealth(TimeProvider time)
{
    public const int Kept = 200;

    readonly ConcurrentDictionary<string, ProviderHealth> _providers = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<DeliveryAttempt> _recent = new();

    public IReadOnlyDictionary<string, ProviderHealth> Providers => _providers;

    /// The newest attempts first, at most `Kept`.
    public IReadOnlyList<DeliveryAttempt> Recent => _recent.Reverse().ToList();

    public IMessageSender Watch(IMessageSender sender) => new WatchedSender(sender, this);

    internal void Record(string provider, OutgoingMessage message, bool accepted, string? error)
    {
        var at = time.GetUtcNow();
        _providers.AddOrUpdate(provider,
            _ => accepted ? new ProviderHealth(at, null, null) : new ProviderHealth(null, at, error),
            (_, old) => accepted ? old with { LastSuccess = at } : old with { LastFailure = at, LastError = error });
        _recent.Enqueue(new DeliveryAttempt(at, provider, ExternalNames.ChannelKinds.Of(message.Channel), message.Address,
            message.Subject, message.ChannelArn.ToString(), message.PageArn?.ToString(), accepted, error));
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }
    }

    sealed class WatchedSender(IMessageSender inner, DeliveryHealth health) : IMessageSender
    {
        public string Name => inner.Name;

        public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            SendResult result;
            try
            {
                result = await inner.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                health.Record(inner.Name, message, accepted: false, "outcome unknown: " + e.Message);
                throw;
            }
            health.Record(inner.Name, message, result.Accepted, result.Error);
            return result;
        }
    }
}

/// When a provider last accepted a message, and when it last did not and why.
public sealed record ProviderHealth(DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError);

/// One send as its provider answered it.
public sealed record DeliveryAttempt(DateTimeOffset At, string Provider, string ChannelType, string Address, string Subject,
    string ChannelArn, string? PageArn, bool Accepted, string? Error);
