using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Callout.Server.WebConsole.Pages.Admin;

/// An admin page: administrators only, for reading as for acting, since what it shows (message
/// addresses, keys, the audit log) is itself an administrator's to see.
abstract class AdminPage(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            context.Result = denied;
            return;
        }
        await next();
    }
}
