using Callout.Domain.Arns;

namespace Callout.Domain.Incidents;

/// SSM Incidents ARNs carry no region (`arn:aws:ssm-incidents::ACCOUNT:replication-set/ID`):
/// incident data is scoped by account only (docs/spec/incidents.md §1).
public static class IncidentArns
{
    public static string Prefix(AccountScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return $"arn:{scope.Partition}:ssm-incidents::{scope.AccountId}:";
    }

    public static string ReplicationSet(AccountScope scope, string id) => Prefix(scope) + "replication-set/" + id;

    public static string ResponsePlan(AccountScope scope, string name) => Prefix(scope) + "response-plan/" + name;

    public static string Incident(AccountScope scope, string planName, string id) =>
        Prefix(scope) + "incident-record/" + planName + "/" + id;

    /// The incident id of an incident record ARN of this account, or null when `arn` is anything
    /// else: engagements carry their incident as free text (IncidentId), so the engine asks this
    /// before writing to a timeline.
    public static string? IncidentId(AccountScope scope, string? arn)
    {
        var prefix = Prefix(scope) + "incident-record/";
        if (arn is null || !arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = arn.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        return slash <= 0 || slash == rest.Length - 1 || rest[(slash + 1)..].Contains('/') ? null : rest[(slash + 1)..].ToString();
    }
}
