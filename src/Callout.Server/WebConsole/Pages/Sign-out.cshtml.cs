using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Callout.Server.WebConsole.Pages;

/// Signing out is a POST (with the antiforgery token), so no link or image elsewhere can sign a
/// person out; a GET shows the button.
[AllowAnonymous]
sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleClaims.Scheme);
        return LocalRedirect(ConsoleRoutes.SignIn);
    }
}
