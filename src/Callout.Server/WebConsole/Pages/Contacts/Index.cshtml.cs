using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// Contacts: a page of ListContacts, filtered by type, and a form to create one (administrators).
sealed class IndexModel(ConsoleApi api, ServerOptions options) : ContactsPage(api, options)
{
    public const int PageSize = 25;
    public static readonly string[] Types = ["PERSONAL", "ESCALATION", "ONCALL_SCHEDULE"];

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? TypeFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "next")]
    public string? NextToken { get; set; }

    public List<ContactSummary> Contacts { get; private set; } = [];
    public string? FollowingToken { get; private set; }
    public List<(string Arn, string Name)> Rotations { get; private set; } = [];

    [BindProperty] public string? Alias { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? NewType { get; set; } = "PERSONAL";
    [BindProperty] public List<string> RotationIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        var plan = NewType == "ONCALL_SCHEDULE"
            ? new JsonObject { ["RotationIds"] = new JsonArray(RotationIds.Select(r => (JsonNode)r).ToArray()) }
            : new JsonObject { ["Stages"] = new JsonArray() };
        var request = new JsonObject { ["Alias"] = Alias ?? "", ["Type"] = NewType ?? "", ["Plan"] = plan };
        if (!string.IsNullOrEmpty(DisplayName))
        {
            request["DisplayName"] = DisplayName;
        }
        if (await TryAsync(async () => (await Api.ContactsAsync(HttpContext, Person, "CreateContact", request)).Dispose()))
        {
            return Redirect(ConsoleRoutes.Prefix + "/contacts/" + Uri.EscapeDataString(Alias!));
        }
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        var request = new JsonObject { ["MaxResults"] = PageSize };
        if (TypeFilter is { Length: > 0 } type)
        {
            request["Type"] = type;
        }
        if (NextToken is { Length: > 0 } token)
        {
            request["NextToken"] = token;
        }
        var listed = await TryAsync(async () =>
        {
            using var answer = await Api.ContactsAsync(HttpContext, Person, "ListContacts", request);
            Contacts = answer.RootElement.GetProperty("Contacts").EnumerateArray().Select(ContactSummary.From).ToList();
            FollowingToken = answer.RootElement.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        });
        if (listed && Person.May(ConsoleRole.Administrator))
        {
            Rotations = (await AllAsync("ListRotations", new JsonObject(), "Rotations"))
                .Select(r => (r.GetProperty("RotationArn").GetString()!, r.GetProperty("Name").GetString()!)).ToList();
        }
    }
}
