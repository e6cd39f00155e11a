using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Storage.Sqlite;

// Placeholder while the engagement tables are written; replaced before anything uses it.
internal sealed partial class SqliteSession
{
    public Task InsertEngagementAsync(Engagement engagement, EngagementSnapshot snapshot, CancellationToken ct) => throw new NotImplementedException();

    public Task<Engagement?> FindEngagementAsync(string engagementId, CancellationToken ct) => throw new NotImplementedException();

    public Task<EngagementSnapshot?> FindSnapshotAsync(string engagementId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<Engagement>> ListEngagementsAsync(string? incidentId, Instant? from, Instant? to, (Instant Start, string Id)? after, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<bool> StopEngagementAsync(string engagementId, Instant stopTime, string? reason, CancellationToken ct) => throw new NotImplementedException();

    public Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct) => throw new NotImplementedException();

    public Task CompleteStepAsync(string stepId, CancellationToken ct) => throw new NotImplementedException();

    public Task CancelStepsAsync(string engagementId, CancellationToken ct) => throw new NotImplementedException();

    public Task ExtendFinishAsync(string engagementId, Instant end, CancellationToken ct) => throw new NotImplementedException();

    public Task<Page?> FindPageAsync(string pageId, CancellationToken ct) => throw new NotImplementedException();

    public Task InsertPageAsync(Page page, CancellationToken ct) => throw new NotImplementedException();

    public Task UpdatePageAsync(Page page, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<Page>> ListPagesAsync(string? engagementId, string? contactAlias, (Instant Created, string Id)? after, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<Page>> UnreadPagesAsync(string engagementId, string? contactAlias, CancellationToken ct) => throw new NotImplementedException();

    public Task AddReceiptAsync(Receipt receipt, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<(long Sequence, Receipt Receipt)>> ListReceiptsAsync(string pageId, long? afterSequence, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<bool> IsAcknowledgedAsync(string engagementId, string contactAlias, CancellationToken ct) => throw new NotImplementedException();

    public Task AddAcknowledgementAsync(string engagementId, string contactAlias, Instant time, CancellationToken ct) => throw new NotImplementedException();

    public Task<DeliveryRecord?> FindDeliveryAsync(string key, CancellationToken ct) => throw new NotImplementedException();

    public Task PutDeliveryAsync(DeliveryRecord delivery, CancellationToken ct) => throw new NotImplementedException();
}
