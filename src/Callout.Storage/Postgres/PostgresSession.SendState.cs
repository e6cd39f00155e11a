using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Npgsql;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    /// The six reads of a send in one round trip (with the session's lock, when it is the first
    /// statement), each a primary-key lookup.
    public Task<SendState> ReadSendStateAsync(EngagementStep step, string? channelId, string deliveryKey, string owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentException.ThrowIfNullOrEmpty(deliveryKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        // A missing channel id or person reads as "no row" from a lookup of an empty key, so the
        // batch always has the same six statements.
        return RunAsync(
            [
                FindEngagement(step.EngagementId),
                FindChannel(channelId ?? ""),
                IsAcknowledged(step.EngagementId, step.ContactAlias ?? ""),
                FindPage(step.PageId ?? ""),
                FindDelivery(deliveryKey),
                IsStepHeld(step.Id, owner),
            ],
            async (reader, c) =>
            {
                var engagement = await ReadFirstAsync(reader, ReadEngagement, c).ConfigureAwait(false);
                await NextAsync(reader, c).ConfigureAwait(false);
                var channel = await ReadFirstAsync<ContactChannel>(reader, ReadChannel, c).ConfigureAwait(false);
                await NextAsync(reader, c).ConfigureAwait(false);
                var acknowledged = await reader.ReadAsync(c).ConfigureAwait(false);
                await NextAsync(reader, c).ConfigureAwait(false);
                var page = await ReadFirstAsync(reader, ReadPage, c).ConfigureAwait(false);
                await NextAsync(reader, c).ConfigureAwait(false);
                var delivery = await ReadFirstAsync(reader, r => ReadDelivery(r, deliveryKey), c).ConfigureAwait(false);
                await NextAsync(reader, c).ConfigureAwait(false);
                var held = await reader.ReadAsync(c).ConfigureAwait(false);
                return new SendState(engagement, channel, acknowledged, page, delivery, held);
            },
            ct);
    }

    static async Task NextAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.NextResultAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A result set of the batch is missing.");
        }
    }
}
