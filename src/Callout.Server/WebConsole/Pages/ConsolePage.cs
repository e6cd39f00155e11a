using Callout.Server.WebConsole.Identity;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Callout.Server.WebConsole.Pages;

/// What every console page shares: the signed-in person, the gateway to the operations, the
/// role check for actions, and the error an operation refused with, shown on the page.
abstract class ConsolePage(ConsoleApi api, ServerOptions options) : PageModel
{
    ConsoleUser? person;

    protected ConsoleApi Api => api;
    protected ServerOptions Options => options;

    /// The signed-in person; every page but the sign-in page requires one.
    public ConsoleUser Person => person ??= ConsoleUser.From(HttpContext, options)
        ?? throw new InvalidOperationException("A console page ran without a console sign-in.");

    /// The refusal of the last action, in the API's words.
    public string? Problem { get; protected set; }

    /// Null when the person may act; otherwise the 403 answer to return.
    protected IActionResult? Denied(ConsoleRole needed) => Person.May(needed) ? null : Forbid();

    /// Runs an action, keeping an operation's refusal for the page instead of failing it.
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (ConsoleApiException e)
        {
            Problem = $"{e.Code}: {e.Message}";
            return false;
        }
    }
}
