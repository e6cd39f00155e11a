using System.Text.RegularExpressions;
using Callout.Domain.Arns;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// Engagement addresses in the console: the ARN's `ALIAS/ID`, each segment checked against what
/// an alias and an id can be, so a hostile address is a 404 and never reaches an operation.
static partial class EngagementLinks
{
    public static string Href(string engagementArn)
    {
        var tail = WireValues.Tail(engagementArn, 2);
        var slash = tail.IndexOf('/');
        return slash < 0
            ? ConsoleRoutes.Prefix + "/engagements"
            : $"{ConsoleRoutes.Prefix}/engagements/{Uri.EscapeDataString(tail[..slash])}/{Uri.EscapeDataString(tail[(slash + 1)..])}";
    }

    /// The ARN the address names in the person's region, or null for an address no engagement can have.
    public static string? Arn(AccountScope scope, string? alias, string? id) =>
        alias is not null && id is not null && Segment().IsMatch(alias) && Segment().IsMatch(id)
            ? scope.Prefix + "engagement/" + alias + "/" + id
            : null;

    // Contact aliases are [a-z0-9_-] (the model's ContactAlias pattern) and ids are hex with dashes.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex Segment();
}
