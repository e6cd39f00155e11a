using System.Security.Claims;
using Callout.Server.Hosting;

namespace Callout.Server.WebConsole.Identity;

/// The signed-in person as every console page sees them: who (for the audit log), which account
/// and region their calls act in, their role, and the contact they are linked to, if any.
sealed record ConsoleUser(string Name, string AccountId, string Region, ConsoleRole Role, string? ContactArn)
{
    /// The caller the audit log records for the console's calls.
    public string AuditCaller => "console:" + Name;

    public bool May(ConsoleRole needed) => Role >= needed;

    /// Null when the request carries no console sign-in.
    public static ConsoleUser? From(HttpContext http, ServerOptions options)
    {
        var principal = http.User;
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name }
            || principal.FindFirstValue(ConsoleClaims.Account) is not { Length: > 0 } account
            || !Enum.TryParse<ConsoleRole>(principal.FindFirstValue(ConsoleClaims.Role), out var role))
        {
            return null;
        }
        var region = http.Request.Cookies[ConsoleClaims.RegionCookie] is { } chosen && options.Regions.Serves(chosen)
            ? chosen
            : options.DefaultRegion;
        return new ConsoleUser(name, account, region, role, principal.FindFirstValue(ConsoleClaims.Contact));
    }
}
