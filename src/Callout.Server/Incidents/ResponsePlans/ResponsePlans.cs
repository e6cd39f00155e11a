using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;

namespace Callout.Server.Incidents.ResponsePlans;

/// What the response plan operations share: finding the caller's plan by the ARN given, and
/// checking the contacts a plan engages.
static class ResponsePlans
{
    /// The plan's name when `arn` is a response plan ARN of the caller's account, else null. ARNs
    /// carry no region, so a caller in any region names the same plan (docs/spec/incidents.md §1).
    public static string? NameOf(AccountScope scope, string arn)
    {
        var prefix = IncidentArns.ResponsePlan(scope, "");
        return arn.StartsWith(prefix, StringComparison.Ordinal) && arn.Length > prefix.Length ? arn[prefix.Length..] : null;
    }

    /// The caller's plan named by `arn`; ResourceNotFound for any other ARN, another account's
    /// included, so a caller learns nothing about plans that are not theirs.
    public static async Task<ResponsePlan> FindAsync(IStoreSession session, RequestContext context, string arn, CancellationToken ct) =>
        NameOf(context.Scope(), arn) is { } name && await session.FindResponsePlanAsync(name, ct) is { } plan
            ? plan
            : throw NotFound(arn);

    public static ResourceNotFound NotFound(string arn) =>
        new(arn, ResourceTypes.ResponsePlan, $"Response plan {arn} not found.");

    /// docs/spec/incidents.md §3: each engagement names an existing contact or escalation plan of
    /// the caller's account and region, as StartEngagement would need when an incident starts.
    public static async Task CheckEngagementsAsync(IStoreSession session, AccountScope scope, IReadOnlyList<string> engagements, CancellationToken ct)
    {
        if (engagements.Count != engagements.Distinct(StringComparer.Ordinal).Count())
        {
            throw new InvalidRequest("engagements names the same contact more than once.", "engagements");
        }
        foreach (var arn in engagements)
        {
            if (!ResourceArn.TryParse(arn, out var parsed) || parsed.Kind != ResourceKind.Contact)
            {
                throw new InvalidRequest($"Engagement {arn} is not an SSM Contacts contact ARN.", "engagements");
            }
            if (parsed.Scope != scope)
            {
                throw new InvalidRequest(
                    $"Engagement {arn} is not a contact of account {scope.AccountId} in {scope.Region}; a response plan engages the caller's own contacts.",
                    "engagements");
            }
            if (await session.FindContactAsync(parsed.Alias, ct) is null)
            {
                throw new InvalidRequest($"Engagement {arn} names no existing contact.", "engagements");
            }
        }
    }
}
