using Callout.Domain.Alerts;
using Callout.Domain.Incidents;
using NodaTime;

namespace Callout.Storage.Store;

/// The account's incidents, timelines and related items (docs/spec/incidents.md §4).
internal abstract partial class StoreSession
{
    public Task<Incident?> FindIncidentAsync(string id, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Incident?> FindOpenIncidentAsync(string dedupeString, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> InsertIncidentAsync(Incident incident, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> UpdateIncidentAsync(Incident incident, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> DeleteIncidentAsync(string id, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(IncidentQuery query, (Instant CreatedAt, string Id)? after, int limit, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task InsertIncidentEventAsync(IncidentEvent incidentEvent, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IncidentEvent?> FindIncidentEventAsync(string incidentId, string eventId, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task UpdateIncidentEventAsync(IncidentEvent incidentEvent, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> DeleteIncidentEventAsync(string incidentId, string eventId, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<IncidentEvent>> ListIncidentEventsAsync(string incidentId, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> InsertIncidentItemAsync(IncidentItem item, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> DeleteIncidentItemAsync(string incidentId, string identifierKey, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<IncidentItem>> ListIncidentItemsAsync(string incidentId, CancellationToken ct) =>
        throw new NotImplementedException();
}
