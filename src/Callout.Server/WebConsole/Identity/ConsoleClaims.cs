namespace Callout.Server.WebConsole.Identity;

/// The claims a console sign-in carries in its cookie.
static class ConsoleClaims
{
    public const string Scheme = "Callout.Console";
    public const string Account = "callout:account";
    public const string Role = "callout:role";
    public const string Contact = "callout:contact";
    /// The region the user is looking at; changed from the header's region picker.
    public const string RegionCookie = "callout-console-region";
}
