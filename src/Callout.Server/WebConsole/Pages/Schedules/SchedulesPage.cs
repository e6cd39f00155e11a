using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Domain.Arns;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Pages.Contacts;
using NodaTime;

namespace Callout.Server.WebConsole.Pages.Schedules;

/// What the schedule pages share: the rotation a route names, read with GetRotation, and its
/// shifts laid out as a calendar.
abstract class SchedulesPage(ConsoleApi api, ServerOptions options, TimeProvider time) : ContactsPage(api, options)
{
    protected Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public JsonElement Rotation { get; private set; }
    public string RotationArn { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public List<string> Members { get; private set; } = [];

    protected string ArnOf(string rotationId) => new ResourceArn(Scope, ResourceKind.Rotation, rotationId).ToString();

    /// False when the id names no rotation of this account and region (or is no id at all).
    protected async Task<bool> LoadRotationAsync(string rotationId)
    {
        try
        {
            using var got = await Api.ContactsAsync(HttpContext, Person, "GetRotation", new JsonObject { ["RotationId"] = ArnOf(rotationId) });
            Rotation = got.RootElement.Clone();
        }
        catch (ConsoleApiException e) when (NamesNothing(e))
        {
            return false;
        }
        RotationArn = Rotation.GetProperty("RotationArn").GetString()!;
        Name = Rotation.GetProperty("Name").GetString()!;
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(Rotation.GetProperty("TimeZoneId").GetString()!) ?? DateTimeZone.Utc;
        Members = PlanForm.Items(Rotation, "ContactIds").Select(c => c.GetString()!).ToList();
        return true;
    }

    protected static JsonNode Epoch(Instant at) => JsonValue.Create(at.ToUnixTimeTicks() / (decimal)NodaConstants.TicksPerSecond);
}
