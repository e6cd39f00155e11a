using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// The account's response plans, a page at a time, and a form to create one.
sealed class IndexModel(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
    public const int PageSize = 50;

    public IReadOnlyList<(string Name, string? DisplayName)> Plans { get; private set; } = [];

    public string? Next { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public PlanForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        await TryAsync(LoadAsync);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        var template = new JsonObject { ["title"] = Form.Title ?? "", ["impact"] = Form.Impact };
        if (Form.Summary is { Length: > 0 } summary)
        {
            template["summary"] = summary;
        }
        var body = new JsonObject { ["name"] = Form.Name ?? "", ["incidentTemplate"] = template };
        if (Form.DisplayName is { Length: > 0 } displayName)
        {
            body["displayName"] = displayName;
        }
        if (await TryAsync(() => Api.IncidentsAsync(HttpContext, Person, "POST", "/createResponsePlan", body)))
        {
            return Redirect(PlanModel.Href(Form.Name!));
        }
        await TryAsync(LoadAsync);
        return Page();
    }

    async Task LoadAsync()
    {
        var body = new JsonObject { ["maxResults"] = PageSize };
        if (After is { Length: > 0 } token)
        {
            body["nextToken"] = token;
        }
        using var answer = await Api.IncidentsAsync(HttpContext, Person, "POST", "/listResponsePlans", body);
        var root = answer!.RootElement;
        Plans = root.GetProperty("responsePlanSummaries").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.TryGetProperty("displayName", out var d) ? d.GetString() : null))
            .ToList();
        Next = root.TryGetProperty("nextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
    }

    public sealed class PlanForm
    {
        public string? Name { get; set; }
        public string? DisplayName { get; set; }
        public string? Title { get; set; }
        public int Impact { get; set; } = 3;
        public string? Summary { get; set; }
    }
}
