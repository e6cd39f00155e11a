using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Domain.Arns;
using Callout.Engine.Processing;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Callout.Server.WebConsole.Pages.Engagements;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Incidents;

/// One incident: its record, timeline, and the engagements it started with their pages and
/// receipts; the live part (`?handler=Live`) is polled by console.js while the page is open.
/// Responders acknowledge pages, resolve or reopen, and add notes.
sealed class DetailModel(ConsoleApi api, ServerOptions options, EngineSecrets secrets, TimeProvider time) : ConsolePage(api, options)
{
    // The newest events are shown with their data, one GetTimelineEvent each.
    const int EventsShown = 50;

    public IncidentView Incident { get; private set; } = null!;

    public IReadOnlyList<TimelineEventView> Timeline { get; private set; } = [];

    public bool MoreEvents { get; private set; }

    public IReadOnlyList<EngagementView> Engagements { get; private set; } = [];

    public DateTimeOffset Now => time.GetUtcNow();

    /// A fresh token per form, so a note sent twice (a double click, a resend) is written once.
    public string NoteToken { get; } = Guid.NewGuid().ToString();

    public string LiveSrc => Incident.Href + "?handler=Live";

    public async Task<IActionResult> OnGetAsync(string plan, string id) =>
        await LoadAsync(plan, id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetLiveAsync(string plan, string id) =>
        await LoadAsync(plan, id) ? Partial("_IncidentLive", this) : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(string plan, string id, string pageArn) =>
        ActAsync(plan, id, arn => ConsoleEngagementActions.AcknowledgeAsync(Api, secrets, HttpContext, Person, pageArn ?? ""));

    public Task<IActionResult> OnPostResolveAsync(string plan, string id) => SetStatusAsync(plan, id, "RESOLVED");

    public Task<IActionResult> OnPostReopenAsync(string plan, string id) => SetStatusAsync(plan, id, "OPEN");

    /// A `Note` event (docs/incidents.md: callers write `Custom Event` and `Note`) whose data is a
    /// JSON object with the text and its author (docs/decisions.md, "Notes from the console").
    public Task<IActionResult> OnPostNoteAsync(string plan, string id, string? note, string? clientToken) =>
        ActAsync(plan, id, arn => string.IsNullOrWhiteSpace(note)
            ? throw new ConsoleApiException("ValidationException", "A note needs some text.")
            : Api.IncidentsAsync(HttpContext, Person, "POST", "/createTimelineEvent", new JsonObject
        {
            ["incidentRecordArn"] = arn,
            ["eventTime"] = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000m,
            ["eventType"] = "Note",
            ["eventData"] = JsonSerializer.Serialize(new NoteData(note ?? "", Person.Name), NoteJson.Default.NoteData),
            ["clientToken"] = clientToken is { Length: > 0 and <= 64 } ? clientToken : null,
        }));

    Task<IActionResult> SetStatusAsync(string plan, string id, string status) =>
        ActAsync(plan, id, arn => Api.IncidentsAsync(HttpContext, Person, "POST", "/updateIncidentRecord",
            new JsonObject { ["arn"] = arn, ["status"] = status }));

    /// Every action needs a responder; a refusal is shown on the page, success goes back to it.
    async Task<IActionResult> ActAsync(string plan, string id, Func<string, Task> action)
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (ArnOf(plan, id) is not { } arn)
        {
            return NotFound();
        }
        if (await TryAsync(() => action(arn)))
        {
            return Redirect(IncidentLinks.Href(arn));
        }
        var problem = Problem;
        if (!await LoadAsync(plan, id))
        {
            return NotFound();
        }
        Problem = problem;
        return Page();
    }

    string? ArnOf(string plan, string id) => IncidentLinks.Arn(AccountScope.For(Person.Region, Person.AccountId), plan, id);

    async Task<bool> LoadAsync(string plan, string id)
    {
        if (ArnOf(plan, id) is not { } arn)
        {
            return false;
        }
        try
        {
            using (var record = await Api.IncidentsAsync(HttpContext, Person, "GET", "/getIncidentRecord?arn=" + Uri.EscapeDataString(arn)))
            {
                Incident = IncidentView.From(record!.RootElement.GetProperty("incidentRecord"));
            }
            Timeline = await TimelineAsync(arn);
            var reads = new EngagementReads(Api, HttpContext, Person);
            var (engagements, _) = await reads.ListAsync(arn, null);
            var withPages = new List<EngagementView>();
            foreach (var engagement in engagements)
            {
                withPages.Add(await reads.WithPagesAsync(engagement));
            }
            Engagements = withPages;
            return true;
        }
        catch (ConsoleApiException e) when (e.Code is "ResourceNotFoundException" or "ValidationException")
        {
            return false;
        }
    }

    async Task<IReadOnlyList<TimelineEventView>> TimelineAsync(string arn)
    {
        using var listed = await Api.IncidentsAsync(HttpContext, Person, "POST", "/listTimelineEvents", new JsonObject
        {
            ["incidentRecordArn"] = arn,
            ["sortBy"] = "EVENT_TIME",
            ["sortOrder"] = "DESCENDING",
            ["maxResults"] = EventsShown,
        });
        MoreEvents = WireValues.Text(listed!.RootElement, "nextToken") is not null;
        var events = new List<TimelineEventView>();
        foreach (var summary in WireValues.Items(listed.RootElement, "eventSummaries"))
        {
            var eventId = WireValues.Text(summary, "eventId") ?? "";
            using var one = await Api.IncidentsAsync(HttpContext, Person, "GET",
                $"/getTimelineEvent?incidentRecordArn={Uri.EscapeDataString(arn)}&eventId={Uri.EscapeDataString(eventId)}");
            var data = one?.RootElement.TryGetProperty("event", out var e) == true ? WireValues.Text(e, "eventData") : null;
            events.Add(new TimelineEventView(eventId, WireValues.Text(summary, "eventType") ?? "", WireValues.Time(summary, "eventTime"), data));
        }
        return events;
    }
}
