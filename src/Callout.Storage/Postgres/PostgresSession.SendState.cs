using System.Data.Common;
using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Callout.Storage.Rows;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    /// The six reads of each send, every one a primary-key lookup, for all the queries in one
    /// round trip (with the session's locks, when they are its first statement).
    public Task<IReadOnlyList<SendState>> ReadSendStatesAsync(IReadOnlyList<SendQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SendState>>([]);
        }
        var commands = new List<DbCommand>(queries.Count * 6);
        foreach (var query in queries)
        {
            ArgumentNullException.ThrowIfNull(query, nameof(queries));
            ArgumentNullException.ThrowIfNull(query.Step, nameof(queries));
            ArgumentException.ThrowIfNullOrEmpty(query.DeliveryKey, nameof(queries));
            ArgumentException.ThrowIfNullOrEmpty(query.Owner, nameof(queries));
            var step = query.Step;
            // A missing channel id or person reads as "no row" from a lookup of an empty key, so
            // every query has the same six statements.
            commands.Add(FindEngagement(step.EngagementId));
            commands.Add(FindChannel(query.ChannelId ?? ""));
            commands.Add(IsAcknowledged(step.EngagementId, step.ContactAlias ?? ""));
            commands.Add(FindPage(step.PageId ?? ""));
            commands.Add(FindDelivery(query.DeliveryKey));
            commands.Add(IsStepHeld(step.Id, query.Owner));
        }
        return RunAsync<IReadOnlyList<SendState>>(commands, async (reader, c) =>
            {
                var states = new List<SendState>(queries.Count);
                for (var i = 0; i < queries.Count; i++)
                {
                    if (i > 0)
                    {
                        await NextAsync(reader, c).ConfigureAwait(false);
                    }
                    var deliveryKey = queries[i].DeliveryKey;
                    var engagement = await ReadFirstAsync(reader, ReadEngagement, c).ConfigureAwait(false);
                    await NextAsync(reader, c).ConfigureAwait(false);
                    var channel = await ReadFirstAsync<ContactChannel>(reader, ReadChannel, c).ConfigureAwait(false);
                    await NextAsync(reader, c).ConfigureAwait(false);
                    var acknowledged = await reader.ReadAsync(c).ConfigureAwait(false);
                    await NextAsync(reader, c).ConfigureAwait(false);
                    var page = await ReadFirstAsync(reader, ReadPage, c).ConfigureAwait(false);
                    await NextAsync(reader, c).ConfigureAwait(false);
                    var delivery = await ReadFirstAsync(reader, r => RowReader.Delivery(r, deliveryKey), c).ConfigureAwait(false);
                    await NextAsync(reader, c).ConfigureAwait(false);
                    var held = await reader.ReadAsync(c).ConfigureAwait(false);
                    states.Add(new SendState(engagement, channel, acknowledged, page, delivery, held));
                }
                return states;
            },
            ct);
    }

    static async Task NextAsync(DbDataReader reader, CancellationToken ct)
    {
        if (!await reader.NextResultAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A result set of the batch is missing.");
        }
    }
}
