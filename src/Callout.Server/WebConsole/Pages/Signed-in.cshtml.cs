using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Callout.Server.WebConsole.Pages;

/// Where single sign-on lands. The way back from the provider began on another site, so a browser
/// withholds the console's SameSite=Strict cookie from the redirects that follow it; this page,
/// on the console's own site, moves on to the console, and that step carries the cookie.
[AllowAnonymous]
sealed class SignedInModel : PageModel
{
    public string To { get; private set; } = ConsoleRoutes.Prefix;

    public void OnGet(string? to) => To = SignInModel.Local(to);
}
