using Callout.Domain.Engagements;

namespace Callout.Domain.Ports;

/// Reads and writes within one account and region, one facet per concern; ARNs are built from the
/// session's scope. Callers use the whole session; the facets say at a glance what it covers.
public interface IStoreSession
    : IContactSession, IEngagementSession, IStepSession, IRotationSession, IIdempotencySession, IOutboxSession,
      ICalendarFeedSession, IAuditSession, IReplicationSetSession, IResponsePlanSession, IIncidentSession,
      IAlertSourceSession, ICodeTrySession, IAsyncDisposable
{
    Task CommitAsync(CancellationToken ct);

    /// Everything each send step decides on (SendState), in the order of the queries. A store that
    /// can send several queries in one round trip reads them together; this default reads them one
    /// by one.
    async Task<IReadOnlyList<SendState>> ReadSendStatesAsync(IReadOnlyList<SendQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var states = new List<SendState>(queries.Count);
        foreach (var (step, channelId, deliveryKey, owner) in queries)
        {
            ArgumentNullException.ThrowIfNull(step);
            states.Add(new SendState(
                await FindEngagementAsync(step.EngagementId, ct).ConfigureAwait(false),
                channelId is null ? null : await FindChannelAsync(channelId, ct).ConfigureAwait(false),
                await IsAcknowledgedAsync(step.EngagementId, step.ContactAlias, ct).ConfigureAwait(false),
                await FindPageAsync(step.PageId, ct).ConfigureAwait(false),
                await FindDeliveryAsync(deliveryKey, ct).ConfigureAwait(false),
                await IsStepHeldAsync(step.Id, owner, ct).ConfigureAwait(false)));
        }
        return states;
    }
}
