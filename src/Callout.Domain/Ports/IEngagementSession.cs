using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Domain.Ports;

/// Engagements, their pages, receipts, acknowledgements and delivery records, within one account
/// and region, and the locks that keep a writer's changes to them apart from the engine's.
public interface IEngagementSession
{
    /// In a writing session, takes the engagement's lock (see IStore.OpenEngagementAsync)
    /// and holds it until the session ends; a store may wait for it with the session's next
    /// statement rather than in this call. Call it before reading the engagement or its pages to
    /// change them, so the engine's work on the engagement is not interleaved with this session's.
    Task LockEngagementAsync(string engagementId, CancellationToken ct);

    /// Like LockEngagementAsync, for one page (see IStore.OpenPagesAsync). Take an
    /// engagement's lock before the lock of any of its pages.
    Task LockPageAsync(string pageId, CancellationToken ct);

    Task InsertEngagementAsync(Engagement engagement, EngagementSnapshot snapshot, CancellationToken ct);

    Task<Engagement?> FindEngagementAsync(string engagementId, CancellationToken ct);

    Task<EngagementSnapshot?> FindSnapshotAsync(string engagementId, CancellationToken ct);

    /// Newest StartTime first (ties by id descending), optionally only one incident and only those
    /// started within [from, to]; starting after (afterStart, afterId) when given.
    Task<IReadOnlyList<Engagement>> ListEngagementsAsync(
        string? incidentId, Instant? from, Instant? to, (Instant Start, string Id)? after, int limit, CancellationToken ct);

    /// Sets StopTime and the reason if the engagement is still running; false if it had stopped.
    Task<bool> StopEngagementAsync(string engagementId, Instant stopTime, string? reason, CancellationToken ct);

    Task<Page?> FindPageAsync(string pageId, CancellationToken ct);

    Task InsertPageAsync(Page page, CancellationToken ct);

    /// Writes SentTime, DeliveryTime and ReadTime.
    Task UpdatePageAsync(Page page, CancellationToken ct);

    /// Sets SentTime alone, leaving the page's other times as they are.
    Task MarkPageSentAsync(string pageId, Instant sentTime, CancellationToken ct);

    /// Pages of an engagement, or of a person when contactAlias is given, newest first
    /// (CreatedAt, then id, descending); starting after (afterCreated, afterId) when given.
    Task<IReadOnlyList<Page>> ListPagesAsync(
        string? engagementId, string? contactAlias, (Instant Created, string Id)? after, int limit, CancellationToken ct);

    /// Pages of the engagement that no one has read yet, optionally only one person's.
    Task<IReadOnlyList<Page>> UnreadPagesAsync(string engagementId, string? contactAlias, CancellationToken ct);

    /// Pages sent to one channel that no one has read, in engagements still running; newest first.
    Task<IReadOnlyList<Page>> UnreadPagesOfChannelAsync(string channelId, CancellationToken ct);

    Task AddReceiptAsync(Receipt receipt, CancellationToken ct);

    /// In the order they were written, starting after the given receipt sequence number.
    Task<IReadOnlyList<(long Sequence, Receipt Receipt)>> ListReceiptsAsync(string pageId, long? afterSequence, int limit, CancellationToken ct);

    Task<bool> IsAcknowledgedAsync(string engagementId, string contactAlias, CancellationToken ct);

    Task AddAcknowledgementAsync(string engagementId, string contactAlias, Instant time, CancellationToken ct);

    Task<DeliveryRecord?> FindDeliveryAsync(string key, CancellationToken ct);

    /// Inserts or replaces the record with this key.
    Task PutDeliveryAsync(DeliveryRecord delivery, CancellationToken ct);
}
