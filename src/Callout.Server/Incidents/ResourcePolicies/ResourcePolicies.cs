using System.Text.Json;
using Callout.Domain.Errors;

namespace Callout.Server.Incidents.ResourcePolicies;

/// Resource policies of response plans: stored and returned, never enforced (docs/spec/incidents.md §3).
static class ResourcePolicies
{
    /// Enough for any real sharing setup; PutResourcePolicy lists no quota error, so more is a
    /// ValidationException (docs/decisions.md, Resource policies).
    public const int MaxPerPlan = 10;

    /// A policy document is a JSON object (AWS's are IAM policy documents); anything else is refused.
    public static void CheckDocument(string policy)
    {
        try
        {
            using var document = JsonDocument.Parse(policy, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidRequest("policy must be a JSON object (a policy document).", "policy");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidRequest($"policy is not valid JSON: {e.Message}", "policy");
        }
    }

    public static ResourceNotFound PolicyNotFound(string policyId, string planArn) =>
        new(policyId, ResourceTypes.ResourcePolicy, $"Resource policy {policyId} of {planArn} not found.");
}
