using System.Text.RegularExpressions;

namespace Callout.Server.WebConsole.Pages;

/// Console addresses of resources whose ARN ends in two names (`PLAN/ID` of an incident,
/// `ALIAS/ID` of an engagement): each part checked against what such a name can be, so a hostile
/// address is a 404 and never reaches an operation.
static partial class TwoPartLinks
{
    /// `/console/SECTION/FIRST/SECOND` for the ARN, or the section's list when it has no two parts.
    public static string Href(string section, string arn)
    {
        var tail = WireValues.Tail(arn, 2);
        var slash = tail.IndexOf('/');
        return slash < 0
            ? $"{ConsoleRoutes.Prefix}/{section}"
            : $"{ConsoleRoutes.Prefix}/{section}/{Uri.EscapeDataString(tail[..slash])}/{Uri.EscapeDataString(tail[(slash + 1)..])}";
    }

    /// Whether both parts can be names: contact aliases, response plan names (the model's
    /// patterns, at most 255 and 200 characters) and ids (hex with dashes) all fit.
    public static bool Valid(string? first, string? second, int maxLength) =>
        first is not null && second is not null && first.Length <= maxLength && second.Length <= maxLength
        && Name().IsMatch(first) && Name().IsMatch(second);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Name();
}
