using Callout.Domain.Incidents;
using NodaTime;

namespace Callout.Domain.Ports;

/// The account's response plans. Like the replication set they belong to the account, not to the
/// session's region (docs/spec/incidents.md §1).
public interface IResponsePlanSession
{
    Task<ResponsePlan?> FindResponsePlanAsync(string name, CancellationToken ct);

    /// False, and nothing written, when the account already has a plan of that name.
    Task<bool> InsertResponsePlanAsync(ResponsePlan plan, CancellationToken ct);

    /// Replaces the stored plan of the same name.
    Task UpdateResponsePlanAsync(ResponsePlan plan, CancellationToken ct);

    /// False when the account has no plan of that name. The plan's resource policies go with it.
    Task<bool> DeleteResponsePlanAsync(string name, CancellationToken ct);

    /// In name order, starting after `afterName` when given.
    Task<IReadOnlyList<ResponsePlan>> ListResponsePlansAsync(string? afterName, int limit, CancellationToken ct);

    Task InsertResponsePlanPolicyAsync(ResponsePlanPolicy policy, CancellationToken ct);

    /// A plan's resource policies in id order, starting after `afterPolicyId` when given.
    Task<IReadOnlyList<ResponsePlanPolicy>> ListResponsePlanPoliciesAsync(string planName, string? afterPolicyId, int limit, CancellationToken ct);

    Task<int> CountResponsePlanPoliciesAsync(string planName, CancellationToken ct);

    /// False when the plan has no policy of that id.
    Task<bool> DeleteResponsePlanPolicyAsync(string planName, string policyId, CancellationToken ct);
}
