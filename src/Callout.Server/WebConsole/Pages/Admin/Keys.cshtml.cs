using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Pages.ResponsePlans;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Admin;

/// The region's secrets handed out: calendar feed tokens and integration keys, each listed without
/// its secret (Callout keeps only hashes) and revoked through the same calls as the API's.
sealed class KeysModel(ConsoleApi api, ServerOptions options) : AdminPage(api, options)
{
    public IReadOnlyList<(string Id, string Target, DateTimeOffset? Created)> Feeds { get; private set; } = [];

    public IReadOnlyList<Integration> Integrations { get; private set; } = [];

    public async Task OnGetAsync() => await TryAsync(LoadAsync);

    public async Task<IActionResult> OnPostRevokeFeedAsync(string feedId)
    {
        if (await TryAsync(() => Api.ContactsAsync(HttpContext, Person, "Callout.RevokeCalendarFeed", new JsonObject { ["FeedId"] = feedId ?? "" })))
        {
            return Redirect("/console/admin/keys");
        }
        return await PageWithProblemAsync();
    }

    public async Task<IActionResult> OnPostRevokeIntegrationAsync(string sourceId)
    {
        if (await TryAsync(() => Api.ContactsAsync(HttpContext, Person, "Callout.DeleteAlertSource", new JsonObject { ["AlertSourceId"] = sourceId ?? "" })))
        {
            return Redirect("/console/admin/keys");
        }
        return await PageWithProblemAsync();
    }

    async Task<IActionResult> PageWithProblemAsync()
    {
        var problem = Problem;
        await TryAsync(LoadAsync);
        Problem = problem;
        return Page();
    }

    async Task LoadAsync()
    {
        var feeds = await Api.ListAllAsync(HttpContext, Person, "Callout.ListCalendarFeeds", new JsonObject { ["MaxResults"] = 1000 }, "CalendarFeeds");
        Feeds = feeds.Select(f => (f.GetProperty("FeedId").GetString()!, f.GetProperty("TargetArn").GetString()!, WireValues.Time(f, "CreatedTime"))).ToList();
        Integrations = await Integration.ListAsync(Api, HttpContext, Person);
    }
}
