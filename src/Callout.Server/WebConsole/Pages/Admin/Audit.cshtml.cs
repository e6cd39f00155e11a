using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Admin;

/// The audit log of the region, newest first, through Callout.ListAuditEvents: filtered by
/// operation and resource, a page at a time.
sealed class AuditModel(ConsoleApi api, ServerOptions options) : AdminPage(api, options)
{
    public const int PageSize = 50;

    public IReadOnlyList<JsonElement> Events { get; private set; } = [];

    public string? Next { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Operation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Resource { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public async Task OnGetAsync()
    {
        var body = new JsonObject { ["MaxResults"] = PageSize };
        if (Operation is { Length: > 0 } operation)
        {
            body["Operation"] = operation.Trim();
        }
        if (Resource is { Length: > 0 } resource)
        {
            body["ResourceArn"] = resource.Trim();
        }
        if (After is { Length: > 0 } token)
        {
            body["NextToken"] = token;
        }
        await TryAsync(async () =>
        {
            using var answer = await Api.ContactsAsync(HttpContext, Person, "Callout.ListAuditEvents", body);
            Events = answer.RootElement.GetProperty("AuditEvents").EnumerateArray().Select(e => e.Clone()).ToList();
            Next = WireValues.Text(answer.RootElement, "NextToken");
        });
    }

    public string Href(string? after) =>
        $"/console/admin/audit?operation={Uri.EscapeDataString(Operation ?? "")}&resource={Uri.EscapeDataString(Resource ?? "")}"
        + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
}
