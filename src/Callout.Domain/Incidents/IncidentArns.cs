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
}
