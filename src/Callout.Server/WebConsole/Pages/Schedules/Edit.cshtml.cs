using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// Changing a rotation: Preview shows the edited rotation's shifts as a calendar
/// (ListPreviewRotationShifts, nothing saved); Save sends the same values to UpdateRotation.
sealed class EditModel(ConsoleApi api, ServerOptions options, TimeProvider time) : SchedulesPage(api, options, time)
{
    [FromRoute] public string RotationId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public string? Start { get; set; }
    [BindProperty] public RotationForm Form { get; set; } = new();

    public ShiftCalendar? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadRotationAsync(RotationId))
        {
            return NotFound();
        }
        Form = RotationForm.From(Rotation, AliasOf);
        return Page();
    }

    /// What Preview and Save both start with: an administrator, the rotation as it is, and the
    /// edited recurrence; or the answer to give instead (403, 404, the form with its problem).
    async Task<(IActionResult? Stop, JsonObject? Recurrence)> ReadEditAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return (denied, null);
        }
        if (!await LoadRotationAsync(RotationId))
        {
            return (NotFound(), null);
        }
        var (recurrence, problem) = Form.Recurrence(Rotation.GetProperty("Recurrence"));
        if (recurrence is null)
        {
            Problem = problem;
            return (Page(), null);
        }
        return (null, recurrence);
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var (stop, recurrence) = await ReadEditAsync();
        if (stop is not null)
        {
            return stop;
        }
        // The calendar is laid out in the edited zone when it is one; the operation judges it.
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(Form.TimeZoneId) ?? Zone;
        var calendar = new ShiftCalendar(View, ShiftCalendar.AnchorOf(Start, zone, Now), zone);
        var request = new JsonObject
        {
            ["Members"] = new JsonArray(Form.Aliases.Select(a => (JsonNode)a).ToArray()),
            ["TimeZoneId"] = Form.TimeZoneId,
            ["Recurrence"] = recurrence,
            ["StartTime"] = Epoch(calendar.From),
            ["EndTime"] = Epoch(calendar.To),
            ["MaxResults"] = 1024,
        };
        if (Rotation.TryGetProperty("StartTime", out var rotationStart))
        {
            request["RotationStartTime"] = JsonNode.Parse(rotationStart.GetRawText());
        }
        if (await TryAsync(async () => calendar.Fill((await AllAsync("ListPreviewRotationShifts", request, "RotationShifts")).Select(CalendarShift.From), a => a)))
        {
            Preview = calendar;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var (stop, recurrence) = await ReadEditAsync();
        if (stop is not null)
        {
            return stop;
        }
        var request = new JsonObject
        {
            ["RotationId"] = RotationArn,
            ["ContactIds"] = new JsonArray(Form.Aliases.Select(a => (JsonNode)ContactArn(a)).ToArray()),
            ["TimeZoneId"] = Form.TimeZoneId,
            ["Recurrence"] = recurrence,
        };
        if (await TryAsync(async () => (await Api.ContactsAsync(HttpContext, Person, "UpdateRotation", request)).Dispose()))
        {
            return Redirect($"{ConsoleRoutes.Prefix}/schedules/{Uri.EscapeDataString(RotationId)}?view={(View == ShiftCalendar.Month ? "month" : "week")}"
                + (Start is null ? "" : "&start=" + Uri.EscapeDataString(Start)));
        }
        return Page();
    }
}
