using Callout.Domain.Arns;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// Engagement addresses in the console: the ARN's `ALIAS/ID` (TwoPartLinks).
static class EngagementLinks
{
    public static string Href(string engagementArn) => TwoPartLinks.Href("engagements", engagementArn);

    /// The ARN the address names in the person's region, or null for an address no engagement can
    /// have (contact aliases are at most 255 characters).
    public static string? Arn(AccountScope scope, string? alias, string? id) =>
        TwoPartLinks.Valid(alias, id, 255) ? scope.Prefix + "engagement/" + alias + "/" + id : null;
}
