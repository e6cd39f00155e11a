using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Callout.Server.WebConsole.Pages;

/// The sign-in page: a user name and password, and "Sign in with SSO" when OpenID Connect is
/// configured. A wrong name and a wrong password get the same answer.
[AllowAnonymous]
sealed class SignInModel(ConsoleSignIn signIn, ConsoleOidcSettings oidc) : PageModel
{
    public const string Refused = "Wrong user name or password.";
    public const string Throttled = "Too many wrong tries: sign-in is paused for this user name or address; try again in a few minutes.";
    public const string SsoRefused = "The single sign-on worked, but it names no console user here; ask an administrator to add you.";

    public string? Message { get; private set; }
    public string? UserName { get; private set; }
    public string ReturnUrl { get; private set; } = ConsoleRoutes.Prefix;
    public bool SsoConfigured => oidc.Configured;

    public void OnGet(string? returnUrl, string? sso)
    {
        ReturnUrl = Local(returnUrl);
        if (sso == "refused")
        {
            Message = SsoRefused;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        UserName = userName is { Length: <= 256 } ? userName : null;
        switch (await signIn.WithPasswordAsync(HttpContext, userName, password))
        {
            case ConsoleSignIn.Outcome.SignedIn:
                return LocalRedirect(ReturnUrl);
            case ConsoleSignIn.Outcome.Throttled:
                Message = Throttled;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            default:
                Message = Refused;
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Page();
        }
    }

    public IActionResult OnGetSso(string? returnUrl) =>
        oidc.Configured
            ? Challenge(new AuthenticationProperties { RedirectUri = ConsoleRoutes.Prefix + "/signed-in?to=" + Uri.EscapeDataString(Local(returnUrl)) },
                ConsoleOidcSettings.Scheme)
            : NotFound();

    /// Only back to a console page: an address from a link or a form is not trusted to leave the site.
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(ConsoleRoutes.Prefix, StringComparison.Ordinal)
        && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
        && (url.Length == ConsoleRoutes.Prefix.Length || url[ConsoleRoutes.Prefix.Length] is '/' or '?')
        && !url.StartsWith(ConsoleRoutes.SignIn, StringComparison.OrdinalIgnoreCase)
            ? url
            : ConsoleRoutes.Prefix;
}
