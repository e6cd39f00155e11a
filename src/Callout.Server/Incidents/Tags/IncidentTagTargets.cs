using Callout.Domain;
using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Incidents.ResponsePlans;

namespace Callout.Server.Incidents.Tags;

/// The ssm-incidents resources that take tags: the replication set, response plans and incident
/// records of the caller's account. Their ARNs carry no region, and their tags are kept account-wide
/// (the store keeps tags of a region-less ARN under the empty region), so a caller in any region
/// sees the same tags (docs/decisions.md, Incident tags).
static class IncidentTagTargets
{
    /// The ARN when it names an existing taggable resource of the caller; ValidationException for
    /// text that is no ssm-incidents ARN, ResourceNotFound for one that names nothing of the caller's.
    public static async Task<string> RequireAsync(IStoreSession session, RequestContext context, string arn, CancellationToken ct)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Split(':') is not { Length: >= 6 } fields || fields[2] != "ssm-incidents")
        {
            throw new InvalidRequest($"'{Shown(arn)}' is not an SSM Incidents ARN.", "resourceArn");
        }
        var scope = context.Scope();
        var prefix = IncidentArns.Prefix(scope);
        var exists = arn.StartsWith(prefix, StringComparison.Ordinal) && arn[prefix.Length..].Split('/') switch
        {
            ["replication-set", var id] => await session.FindReplicationSetAsync(ct) is { } set && set.Id == id,
            ["response-plan", var name] => await session.FindResponsePlanAsync(name, ct) is not null,
            ["incident-record", var plan, var id] => await session.FindIncidentAsync(id, ct) is { } incident && incident.PlanName == plan,
            _ => false,
        };
        return exists ? arn : throw new ResourceNotFound(arn, ResourceTypeOf(arn), $"Resource {arn} not found.");
    }

    /// New values overwrite existing keys; the result holds at most the per-resource limit.
    public static IReadOnlyDictionary<string, string> Merge(
        IReadOnlyDictionary<string, string> existing, IReadOnlyDictionary<string, string> added, string arn, ServiceLimits limits)
    {
        var merged = new SortedDictionary<string, string>(existing.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }
        if (merged.Count > limits.TagsPerResource)
        {
            throw new QuotaExceeded("L-SSMI-TAGS-PER-RESOURCE",
                $"A resource can have at most {limits.TagsPerResource} tags; this request would leave {merged.Count}.",
                arn, ResourceTypeOf(arn));
        }
        return merged;
    }

    /// The model's ResourceType values.
    static string ResourceTypeOf(string arn) =>
        arn.Contains(":replication-set/", StringComparison.Ordinal) ? ResourceTypes.ReplicationSet
        : arn.Contains(":incident-record/", StringComparison.Ordinal) ? "INCIDENT_RECORD"
        : ResourceTypes.ResponsePlan;

    /// An ARN in a message is cut short: a hostile caller's megabyte of text is not echoed back.
    static string Shown(string text) => text.Length <= 256 ? text : text[..256] + "…";
}
