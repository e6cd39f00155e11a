using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Pages.Contacts;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// Schedules: the rotations of the account and region (ListRotations).
sealed class IndexModel(ConsoleApi api, ServerOptions options) : ContactsPage(api, options)
{
    public sealed record RotationRow(string Id, string Name, string TimeZone, int Members);

    public List<RotationRow> Rotations { get; private set; } = [];

    public async Task OnGetAsync() => await TryAsync(async () =>
        Rotations = (await AllAsync("ListRotations", new JsonObject(), "Rotations")).Select(r =>
        {
            var arn = r.GetProperty("RotationArn").GetString()!;
            return new RotationRow(arn[(arn.LastIndexOf('/') + 1)..], r.GetProperty("Name").GetString()!,
                r.TryGetProperty("TimeZoneId", out var z) ? z.GetString() ?? "" : "",
                PlanForm.Items(r, "ContactIds").Count());
        }).ToList());
}
