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
    public IReadOnlyList<(string Id, string Target, DateTimeOffset Created)> Feeds { get; private set; } = [];

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
        var feeds = new List<(string, string, DateTimeOffset)>();
        string? next = null;
        do
        {
            var body = new JsonObject { ["MaxResults"] = 1000 };
            if (next is not null)
            {
                body["NextToken"] = next;
            }
            using var answer = await Api.ContactsAsync(HttpContext, Person, "Callout.ListCalendarFeeds", body);
            foreach (var f in answer.RootElement.GetProperty("CalendarFeeds").EnumerateArray())
            {
                feeds.Add((f.GetProperty("FeedId").GetString()!, f.GetProperty("TargetArn").GetString()!, ConsoleJson.Time(f.GetProperty("CreatedTime"))));
            }
            next = answer.RootElement.TryGetProperty("NextToken", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        while (next is not null);
        Feeds = feeds;
        Integrations = await Integration.ListAsync(Api, HttpContext, Person);
    }
}
