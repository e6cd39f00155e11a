using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole.Pages.Home;

/// Home's "on call" table from ListRotations, ListRotationShifts and the contacts of type
/// ONCALL_SCHEDULE (GetContact for their rotations), each an operation through ConsoleApi; and
/// the person's own shifts among those read, when they are linked to a contact.
sealed class OnCallReads(ConsoleApi api, HttpContext http, ConsoleUser person)
{
    // Far enough ahead to see the next hand-off of a monthly rotation.
    static readonly TimeSpan Ahead = TimeSpan.FromDays(70);
    // Listings are read to this many items at most: home is a glance, not an inventory.
    const int Most = 200;

    public async Task<(IReadOnlyList<OnCallView> Schedules, IReadOnlyList<OnCallView> Rotations, IReadOnlyList<MyShiftView>? Mine)> ReadAsync(DateTimeOffset now)
    {
        var contacts = await ListAsync("ListContacts", new JsonObject(), "Contacts");
        var names = contacts.ToDictionary(c => WireValues.Text(c, "ContactArn") ?? "", c => WireValues.Text(c, "DisplayName") is { Length: > 0 } d ? d : WireValues.Text(c, "Alias") ?? "", StringComparer.Ordinal);
        string NameOf(string arn) => names.TryGetValue(arn, out var n) ? n : WireValues.Tail(arn);

        var shifts = new Dictionary<string, (JsonElement? Current, JsonElement? Next)>(StringComparer.Ordinal);
        var rotations = new List<OnCallView>();
        List<MyShiftView>? mine = person.ContactArn is null ? null : [];
        foreach (var rotation in await ListAsync("ListRotations", new JsonObject(), "Rotations"))
        {
            var arn = WireValues.Text(rotation, "RotationArn") ?? "";
            var name = WireValues.Text(rotation, "Name") ?? arn;
            var (current, next, all) = await ShiftsAsync(arn, now);
            shifts[arn] = (current, next);
            rotations.Add(View(name, "rotation", [(current, next)], NameOf));
            mine?.AddRange(all
                .Where(s => WireValues.Texts(s, "ContactIds").Contains(person.ContactArn!, StringComparer.Ordinal))
                .Select(s => new MyShiftView(name, WireValues.Time(s, "StartTime"), WireValues.Time(s, "EndTime"), WireValues.Text(s, "Type") == "OVERRIDDEN")));
        }

        var schedules = new List<OnCallView>();
        foreach (var schedule in contacts.Where(c => WireValues.Text(c, "Type") == "ONCALL_SCHEDULE"))
        {
            var arn = WireValues.Text(schedule, "ContactArn") ?? "";
            IReadOnlyList<string> rotationArns;
            try
            {
                using var contact = await api.ContactsAsync(http, person, "GetContact", new JsonObject { ["ContactId"] = arn });
                rotationArns = contact.RootElement.TryGetProperty("Plan", out var plan) ? WireValues.Texts(plan, "RotationIds") : [];
            }
            catch (ConsoleApiException)
            {
                // Deleted between the listing and now.
                continue;
            }
            var parts = rotationArns.Where(shifts.ContainsKey).Select(r => shifts[r]).ToList();
            schedules.Add(View(NameOf(arn), "schedule", parts, NameOf));
        }
        return (schedules, rotations, mine?.OrderBy(s => s.Start).ToList());
    }

    /// A schedule is on call through every rotation it has: the people of all current shifts, the
    /// earliest hand-off among them, and who is on after that hand-off.
    static OnCallView View(string name, string kind, IReadOnlyList<(JsonElement? Current, JsonElement? Next)> parts, Func<string, string> nameOf)
    {
        var now = parts.Where(p => p.Current is not null).SelectMany(p => WireValues.Texts(p.Current!.Value, "ContactIds")).Distinct().Select(nameOf).ToList();
        var handOffs = parts
            .Select(p => p.Current is { } c ? WireValues.Time(c, "EndTime") : p.Next is { } n ? WireValues.Time(n, "StartTime") : null)
            .Where(t => t is not null).ToList();
        var handOff = handOffs.Count == 0 ? null : handOffs.Min();
        var next = parts.Where(p => p.Next is not null).SelectMany(p => WireValues.Texts(p.Next!.Value, "ContactIds")).Distinct().Select(nameOf).ToList();
        return new OnCallView(name, kind, now, handOff, next);
    }

    /// The shift under way (none in a gap of the coverage), the one after it, and every shift read.
    async Task<(JsonElement? Current, JsonElement? Next, IReadOnlyList<JsonElement> All)> ShiftsAsync(string rotationArn, DateTimeOffset now)
    {
        try
        {
            using var answer = await api.ContactsAsync(http, person, "ListRotationShifts", new JsonObject
            {
                ["RotationId"] = rotationArn,
                ["StartTime"] = now.ToUnixTimeSeconds(),
                ["EndTime"] = (now + Ahead).ToUnixTimeSeconds(),
                ["MaxResults"] = 3,
            });
            var found = WireValues.Items(answer.RootElement, "RotationShifts").Select(s => s.Clone()).ToList();
            var current = found.FirstOrDefault(s => WireValues.Time(s, "StartTime") <= now && WireValues.Time(s, "EndTime") > now);
            var later = found.Where(s => WireValues.Time(s, "StartTime") > now || (current.ValueKind != JsonValueKind.Undefined && WireValues.Time(s, "StartTime") >= WireValues.Time(current, "EndTime"))).ToList();
            return (current.ValueKind == JsonValueKind.Undefined ? null : current, later.Count == 0 ? null : later[0], found);
        }
        catch (ConsoleApiException)
        {
            return (null, null, []);
        }
    }

    Task<List<JsonElement>> ListAsync(string operation, JsonObject body, string member)
    {
        var request = (JsonObject)body.DeepClone();
        request["MaxResults"] = 100;
        return api.ListAllAsync(http, person, operation, request, member, maxItems: Most);
    }
}
