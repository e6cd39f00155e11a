using System.Data.Common;
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
                var first = true;
                // Moves to the next statement's result set (the first is current already) and reads its row, if any.
                async Task<T?> Next<T>(Func<DbDataReader, T> read) where T : class
                {
                    if (!first && !await reader.NextResultAsync(c).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("A result set of the batch is missing.");
                    }
                    first = false;
                    return await ReadFirstAsync(reader, read, c).ConfigureAwait(false);
                }
                foreach (var query in queries)
                {
                    states.Add(new SendState(
                        await Next(ReadEngagement).ConfigureAwait(false),
                        await Next(ReadChannel).ConfigureAwait(false),
                        await Next(AnyRow).ConfigureAwait(false) is not null,
                        await Next(ReadPage).ConfigureAwait(false),
                        await Next(r => RowReader.Delivery(r, query.DeliveryKey)).ConfigureAwait(false),
                        await Next(AnyRow).ConfigureAwait(false) is not null));
                }
                return states;
            },
            ct);
    }

    /// For the statements whose answer is whether they return a row.
    static object AnyRow(DbDataReader reader) => reader;
}
