using System.Text.Json.Nodes;
using Callout.Engine.Processing;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Callout.Server.WebConsole.Pages.Engagements;
using Callout.Server.WebConsole.Pages.Home;
using Callout.Server.WebConsole.Pages.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages;

/// Home: who is on call now and next, open incidents, running engagements, and the person's own
/// pages (unacknowledged first, to acknowledge in one tap) and shifts when they are linked to a
/// contact.
sealed class IndexModel(ConsoleApi api, ServerOptions options, EngineSecrets secrets, TimeProvider time) : ConsolePage(api, options)
{
    const int OpenShown = 20;

    public IReadOnlyList<OnCallView> Schedules { get; private set; } = [];

    public IReadOnlyList<OnCallView> Rotations { get; private set; } = [];

    public IReadOnlyList<IncidentView> OpenIncidents { get; private set; } = [];

    /// Running engagements among the newest listed: ListEngagements has no filter on running.
    public IReadOnlyList<EngagementView> Running { get; private set; } = [];

    public IReadOnlyList<PageView>? MyPages { get; private set; }

    /// The person's own shifts now and next in each rotation, when they are linked to a contact.
    public IReadOnlyList<MyShiftView>? MyShifts { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(string? pageArn)
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (await TryAsync(() => ConsoleEngagementActions.AcknowledgeAsync(Api, secrets, HttpContext, Person, pageArn ?? "")))
        {
            return Redirect(ConsoleRoutes.Prefix);
        }
        var problem = Problem;
        await LoadAsync();
        Problem = problem;
        return Page();
    }

    async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        await TryAsync(async () => (Schedules, Rotations, MyShifts) = await new OnCallReads(Api, HttpContext, Person).ReadAsync(Now));
        await TryAsync(async () =>
        {
            using var open = await Api.IncidentsAsync(HttpContext, Person, "POST", "/listIncidentRecords", new JsonObject
            {
                ["filters"] = new JsonArray(new JsonObject
                {
                    ["key"] = "status",
                    ["condition"] = new JsonObject { ["equals"] = new JsonObject { ["stringValues"] = new JsonArray("OPEN") } },
                }),
                ["maxResults"] = OpenShown,
            });
            OpenIncidents = WireValues.Items(open!.RootElement, "incidentRecordSummaries").Select(IncidentView.From).ToList();
        });
        var reads = new EngagementReads(Api, HttpContext, Person);
        await TryAsync(async () => Running = (await reads.ListAsync(null, null)).Engagements.Where(e => e.Running).ToList());
        if (Person.ContactArn is { } contact)
        {
            await TryAsync(async () => MyPages = (await reads.PagesOfContactAsync(contact))
                .OrderBy(p => p.Acknowledged).ThenByDescending(p => p.Sent).ToList());
        }
    }
}
