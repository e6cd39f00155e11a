using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages;

/// The header's region picker: a user sees one region of their account at a time.
sealed class RegionModel(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
    public IActionResult OnPost(string region, string? returnUrl)
    {
        if (!Options.Regions.Serves(region))
        {
            return BadRequest($"{region} is not a region this server serves.");
        }
        Response.Cookies.Append(ConsoleClaims.RegionCookie, region, new CookieOptions
        {
            Path = ConsoleRoutes.Prefix,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        // Only back to a console page: an address from the form is not trusted to leave the site.
        return LocalRedirect(returnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleRoutes.Prefix, StringComparison.Ordinal) ? url : ConsoleRoutes.Prefix);
    }
}
