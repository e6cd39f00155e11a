using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Callout.Server.WebConsole.Pages;

/// Where a refused action lands (the cookie's AccessDeniedPath), answered with 403.
[AllowAnonymous]
sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
