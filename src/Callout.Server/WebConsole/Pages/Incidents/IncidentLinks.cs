using Callout.Domain.Arns;
using Callout.Domain.Incidents;

namespace Callout.Server.WebConsole.Pages.Incidents;

/// Incident addresses in the console: the ARN's `PLAN/ID` (TwoPartLinks).
static class IncidentLinks
{
    public static string Href(string incidentArn) => TwoPartLinks.Href("incidents", incidentArn);

    /// The ARN the address names, or null for an address no incident can have (response plan
    /// names are at most 200 characters).
    public static string? Arn(AccountScope scope, string? plan, string? id) =>
        TwoPartLinks.Valid(plan, id, 200) ? IncidentArns.Incident(scope, plan!, id!) : null;
}
