using Callout.Domain.Alerts;
using Callout.Domain.Incidents;
using NodaTime;

namespace Callout.Storage.Store;

/// The account's response plans (docs/spec/incidents.md §3).
internal abstract partial class StoreSession
{
    public Task<ResponsePlan?> FindResponsePlanAsync(string name, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> InsertResponsePlanAsync(ResponsePlan plan, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task UpdateResponsePlanAsync(ResponsePlan plan, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<bool> DeleteResponsePlanAsync(string name, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<ResponsePlan>> ListResponsePlansAsync(string? afterName, int limit, CancellationToken ct) =>
        throw new NotImplementedException();
}
