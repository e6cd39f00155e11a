using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Domain.Arns;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// One response plan: its incident template and engagements to edit, its chat channel and actions
/// shown as they are, and its integrations (alert sources) to create and revoke. A new
/// integration's key is shown once, on the page the creation redirects to (TempData).
sealed class PlanModel(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
    const string CreatedKey = "integration-created";

    public static string Href(string name) => "/console/response-plans/" + Uri.EscapeDataString(name);

    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    public string Arn => $"arn:aws:ssm-incidents::{Person.AccountId}:response-plan/{Name}";

    public JsonElement Plan { get; private set; }

    public IReadOnlyList<Integration> Integrations { get; private set; } = [];

    /// The answer of the integration just created, shown once.
    public CreatedIntegration? Created { get; private set; }

    public bool Saved { get; private set; }

    [BindProperty]
    public TemplateForm Form { get; set; } = new();

    [BindProperty]
    public IntegrationForm NewIntegration { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Saved = saved;
        if (TempData[CreatedKey] is string created)
        {
            Created = CreatedIntegration.From(created);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        var body = new JsonObject
        {
            ["arn"] = Arn,
            ["displayName"] = Form.DisplayName ?? "",
            ["incidentTemplateTitle"] = Form.Title ?? "",
            ["incidentTemplateImpact"] = Form.Impact,
            ["incidentTemplateSummary"] = Form.Summary ?? "",
            ["incidentTemplateDedupeString"] = Form.DedupeString ?? "",
            ["engagements"] = new JsonArray(Engagements().Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
        };
        if (await TryAsync(() => Api.IncidentsAsync(HttpContext, Person, "POST", "/updateResponsePlan", body)))
        {
            return Redirect(Href(Name) + "?saved=true");
        }
        return await PageWithProblemAsync();
    }

    /// The contacts kept (checked) and those added by alias, as ARNs of the person's region; the
    /// operation checks that each exists, as for an API caller.
    IEnumerable<string> Engagements()
    {
        var scope = AccountScope.For(Person.Region, Person.AccountId);
        var added = (Form.AddContacts ?? "").Split((char[])[',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(alias => ResourceArn.Contact(scope, alias).ToString());
        return (Form.Engagements ?? []).Concat(added).Distinct(StringComparer.Ordinal);
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        if (await TryAsync(() => Api.IncidentsAsync(HttpContext, Person, "POST", "/deleteResponsePlan", new JsonObject { ["arn"] = Arn })))
        {
            return Redirect("/console/response-plans");
        }
        return await PageWithProblemAsync();
    }

    public async Task<IActionResult> OnPostCreateIntegrationAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        var body = new JsonObject
        {
            ["Name"] = NewIntegration.Name ?? "",
            ["Format"] = NewIntegration.Format ?? "",
            ["ResponsePlanArn"] = Arn,
        };
        if (NewIntegration.GrafanaHmacSecret is { Length: > 0 } secret)
        {
            body["GrafanaHmacSecret"] = secret;
        }
        if (NewIntegration.SnsTopicArns is { Length: > 0 } topics)
        {
            body["SnsTopicArns"] = new JsonArray(topics.Split((char[])['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        JsonDocument? answer = null;
        if (await TryAsync(async () => answer = await Api.ContactsAsync(HttpContext, Person, "Callout.CreateAlertSource", body)))
        {
            using (answer)
            {
                TempData[CreatedKey] = CreatedIntegration.Keep(answer!.RootElement, NewIntegration.GrafanaHmacSecret);
            }
            return Redirect(Href(Name) + "#integrations");
        }
        return await PageWithProblemAsync();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string sourceId)
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        if (await TryAsync(() => Api.ContactsAsync(HttpContext, Person, "Callout.DeleteAlertSource", new JsonObject { ["AlertSourceId"] = sourceId ?? "" })))
        {
            return Redirect(Href(Name) + "#integrations");
        }
        return await PageWithProblemAsync();
    }

    async Task<IActionResult> PageWithProblemAsync()
    {
        var problem = Problem;
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Problem = problem;
        return Page();
    }

    /// False when the plan is not the caller's to see: a name that is no plan, or no name at all.
    async Task<bool> LoadAsync()
    {
        JsonDocument? plan = null;
        try
        {
            plan = await Api.IncidentsAsync(HttpContext, Person, "GET", "/getResponsePlan?arn=" + Uri.EscapeDataString(Arn));
        }
        catch (ConsoleApiException e) when (e.Code is "ResourceNotFoundException" or "ValidationException")
        {
            return false;
        }
        Plan = plan!.RootElement.Clone();
        plan.Dispose();
        // The engagements are shown as they are, not beside every contact of the region: a region
        // may have a thousand, and more are added by alias (bench/RESULTS.md, console pages).
        await TryAsync(async () => Integrations = await Integration.ListAsync(Api, HttpContext, Person, Arn));
        return true;
    }

    public sealed class TemplateForm
    {
        public string? DisplayName { get; set; }
        public string? Title { get; set; }
        public int Impact { get; set; } = 3;
        public string? Summary { get; set; }
        public string? DedupeString { get; set; }
        public string[]? Engagements { get; set; }
        public string? AddContacts { get; set; }
    }

    public sealed class IntegrationForm
    {
        public string? Name { get; set; }
        public string? Format { get; set; }
        public string? GrafanaHmacSecret { get; set; }
        public string? SnsTopicArns { get; set; }
    }
}
