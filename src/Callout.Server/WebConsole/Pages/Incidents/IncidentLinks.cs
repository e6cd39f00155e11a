using System.Text.RegularExpressions;
using Callout.Domain.Arns;
using Callout.Domain.Incidents;

namespace Callout.Server.WebConsole.Pages.Incidents;

/// Incident addresses in the console: the ARN's `PLAN/ID`, each segment checked against what a
/// plan name and an incident id can be, so a hostile address is a 404 and never reaches an operation.
static partial class IncidentLinks
{
    public static string Href(string incidentArn)
    {
        var tail = WireValues.Tail(incidentArn, 2);
        var slash = tail.IndexOf('/');
        return slash < 0
            ? ConsoleRoutes.Prefix + "/incidents"
            : $"{ConsoleRoutes.Prefix}/incidents/{Uri.EscapeDataString(tail[..slash])}/{Uri.EscapeDataString(tail[(slash + 1)..])}";
    }

    public static string? Arn(AccountScope scope, string? plan, string? id) =>
        plan is not null && id is not null && Segment().IsMatch(plan) && Segment().IsMatch(id)
            ? IncidentArns.Incident(scope, plan, id)
            : null;

    // Response plan names are [a-zA-Z0-9_-]{1,200} (the model's ResponsePlanName); ids are hex with dashes.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex Segment();
}
