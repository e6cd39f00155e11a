using Callout.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// Engagements of the region, newest first, whether an incident or an ssm-contacts caller
/// (StartEngagement) started them; paged with ListEngagements' NextToken.
sealed class IndexModel(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public IReadOnlyList<EngagementView> Engagements { get; private set; } = [];

    public string? NextToken { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await TryAsync(async () =>
            (Engagements, NextToken) = await new EngagementReads(Api, HttpContext, Person).ListAsync(null, Next is { Length: > 0 } ? Next : null));
        return Page();
    }
}
