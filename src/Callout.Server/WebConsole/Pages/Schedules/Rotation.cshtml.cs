using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// One rotation: a week or month of its shifts in its own time zone with overrides marked, its
/// overrides (create, delete), and each member's calendar-feed link.
sealed class RotationModel(ConsoleApi api, ServerOptions options, TimeProvider time) : SchedulesPage(api, options, time)
{
    static readonly LocalDateTimePattern LocalInput = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
    static readonly LocalDateTimePattern LocalInputSeconds = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss");

    [FromRoute] public string RotationId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public string? Start { get; set; }

    [BindProperty] public List<string> NewMembers { get; set; } = [];
    [BindProperty] public string? OverrideStart { get; set; }
    [BindProperty] public string? OverrideEnd { get; set; }

    public ShiftCalendar Calendar { get; private set; } = null!;
    public List<(string Id, List<string> Members, Instant Start, Instant End)> Overrides { get; private set; } = [];
    public List<(string Id, string Target, Instant Created)> Feeds { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? NewFeedUrl { get; private set; }

    public bool IsAdministrator => Person.May(ConsoleRole.Administrator);

    /// Members this person may put into an override: any for administrators, themselves for a
    /// responder linked to a contact, nobody otherwise.
    public bool MayOverrideFor(string contactArn) => IsAdministrator
        || (Person.May(ConsoleRole.Responder) && Person.ContactArn is { } own && own == contactArn);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateOverrideAsync()
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (!await LoadRotationAsync(RotationId))
        {
            return NotFound();
        }
        // A responder overrides only for themselves: their own contact must be among the new members.
        if (!IsAdministrator && (Person.ContactArn is null || !NewMembers.Contains(Person.ContactArn)))
        {
            return Forbid();
        }
        var start = Local(OverrideStart);
        var end = Local(OverrideEnd);
        if (start is null || end is null)
        {
            Problem = "Enter a start and an end date and time.";
        }
        else
        {
            var request = new JsonObject
            {
                ["RotationId"] = RotationArn,
                ["NewContactIds"] = new JsonArray(NewMembers.Select(m => (JsonNode)m).ToArray()),
                ["StartTime"] = Epoch(start.Value),
                ["EndTime"] = Epoch(end.Value),
            };
            if (await TryAsync(async () => (await Api.ContactsAsync(HttpContext, Person, "CreateRotationOverride", request)).Dispose()))
            {
                return Redirect(Href(View, LocalDatePattern.Iso.Format(start.Value.InZone(Zone).Date)) + "#overrides");
            }
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteOverrideAsync(string overrideId)
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (!await LoadRotationAsync(RotationId))
        {
            return NotFound();
        }
        var ok = await TryAsync(async () =>
        {
            var key = new JsonObject { ["RotationId"] = RotationArn, ["RotationOverrideId"] = overrideId ?? "" };
            if (!IsAdministrator)
            {
                using var got = await Api.ContactsAsync(HttpContext, Person, "GetRotationOverride", key);
                if (!PlanIds(got.RootElement, "NewContactIds").Contains(Person.ContactArn ?? ""))
                {
                    throw new ConsoleApiException("AccessDeniedException", "A responder may delete only overrides that put them on call.");
                }
            }
            (await Api.ContactsAsync(HttpContext, Person, "DeleteRotationOverride", (JsonObject)key.DeepClone())).Dispose();
        });
        if (ok)
        {
            return Redirect(Href(View, Start) + "#overrides");
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    /// A calendar-feed link of one member's shifts (across every rotation): the URL is answered
    /// once, by Callout.CreateCalendarFeed, and shown on this answer only.
    public async Task<IActionResult> OnPostCreateFeedAsync(string target)
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (!await LoadRotationAsync(RotationId))
        {
            return NotFound();
        }
        if (target != RotationArn && !Members.Contains(target))
        {
            return NotFound();
        }
        if (!MayOverrideFor(target))
        {
            return Forbid();
        }
        if (await TryAsync(async () =>
            {
                using var created = await Api.ContactsAsync(HttpContext, Person, "Callout.CreateCalendarFeed", new JsonObject { ["TargetArn"] = target });
                NewFeedUrl = created.RootElement.GetProperty("FeedUrl").GetString();
            }))
        {
            Notice = $"Calendar link for {(target == RotationArn ? Name : AliasOf(target))} created. Copy it now: it is shown only once.";
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(string feedId)
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        if (!await LoadRotationAsync(RotationId))
        {
            return NotFound();
        }
        if (await TryAsync(async () => (await Api.ContactsAsync(HttpContext, Person, "Callout.RevokeCalendarFeed", new JsonObject { ["FeedId"] = feedId ?? "" })).Dispose()))
        {
            Notice = "Calendar link revoked.";
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    public string Href(string? view, string? start) =>
        $"{ConsoleRoutes.Prefix}/schedules/{Uri.EscapeDataString(RotationId)}?view={(view == ShiftCalendar.Month ? ShiftCalendar.Month : ShiftCalendar.Week)}"
        + (start is null ? "" : "&start=" + Uri.EscapeDataString(start));

    public string LocalText(Instant at) => at.InZone(Zone).ToString("ddd d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// A datetime-local value read in the rotation's time zone; a time a DST change skips moves
    /// forward, and one it repeats means the earlier of the two (docs/decisions.md).
    Instant? Local(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parsed = LocalInput.Parse(text);
        if (!parsed.Success)
        {
            parsed = LocalInputSeconds.Parse(text);
        }
        return parsed.Success ? parsed.Value.InZoneLeniently(Zone).ToInstant() : null;
    }

    async Task<bool> LoadAsync()
    {
        if (!await LoadRotationAsync(RotationId))
        {
            return false;
        }
        Calendar = new ShiftCalendar(View, ShiftCalendar.AnchorOf(Start, Zone, Now), Zone);
        await TryAsync(async () =>
        {
            var window = new JsonObject { ["RotationId"] = RotationArn, ["StartTime"] = Epoch(Calendar.From), ["EndTime"] = Epoch(Calendar.To) };
            var shifts = await AllAsync("ListRotationShifts", Add(window, "MaxResults", 1024), "RotationShifts");
            Calendar.Fill(shifts.Select(CalendarShift.From), AliasOf);
            Overrides = (await AllAsync("ListRotationOverrides", Add(window, "MaxResults", 1024), "RotationOverrides")).Select(o => (
                o.GetProperty("RotationOverrideId").GetString()!,
                PlanIds(o, "NewContactIds"),
                CalendarShift.Epoch(o.GetProperty("StartTime")),
                CalendarShift.Epoch(o.GetProperty("EndTime")))).OrderBy(o => o.Item3).ToList();
            var targets = Members.Append(RotationArn).ToHashSet();
            Feeds = (await AllAsync("Callout.ListCalendarFeeds", new JsonObject(), "CalendarFeeds"))
                .Select(f => (f.GetProperty("FeedId").GetString()!, f.GetProperty("TargetArn").GetString()!, CalendarShift.Epoch(f.GetProperty("CreatedTime"))))
                .Where(f => targets.Contains(f.Item2)).ToList();
        });
        return true;
    }

    static JsonObject Add(JsonObject o, string name, int value)
    {
        var copy = (JsonObject)o.DeepClone();
        copy[name] = value;
        return copy;
    }

    static List<string> PlanIds(JsonElement e, string name) => Contacts.PlanForm.Items(e, name).Select(x => x.GetString() ?? "").ToList();
}
