using Callout.Domain.Alerts;
using Callout.Domain.Incidents;
using NodaTime;

namespace Callout.Storage.Store;

/// The scope's alert sources (docs/spec/incidents.md §5).
internal abstract partial class StoreSession
{
    public Task InsertAlertSourceAsync(AlertSource source, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<AlertSource?> FindAlertSourceByIdAsync(string id, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<AlertSource>> ListAlertSourcesAsync((Instant CreatedAt, string Id)? after, int limit, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> DeleteAlertSourceAsync(string id, CancellationToken ct) =>
        throw new NotImplementedException();
}
