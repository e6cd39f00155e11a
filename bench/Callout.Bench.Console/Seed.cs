using System.Globalization;
using System.Text.Json;

namespace Callout.Bench.Console;

/// The world the console pages are measured in, made through the API as a client would: 1,000
/// contacts (a third with an email channel), 100 rotations of 5 contacts each, a few response plans with integrations, and
/// 10,000 past incidents (started and resolved). What the page list's placeholders name.
sealed record Seed(string Contact, string Rotation, string Plan, string Incident)
{
    public static async Task<Seed> MakeAsync(Api api, int contacts, int rotations, int incidents, int workers)
    {
        var started = DateTime.UtcNow;
        await api.IncidentsAsync("/createReplicationSet", new { regions = new Dictionary<string, object> { [Api.Region] = new { } } });
        var arns = new string[contacts];
        await Api.ManyAsync(contacts, workers, async i =>
        {
            var answer = await api.ContactsAsync("CreateContact", new
            {
                Alias = $"person-{i:D4}",
                DisplayName = $"Person {i}",
                Type = "PERSONAL",
                Plan = new { Stages = Array.Empty<object>() },
            });
            arns[i] = answer.GetProperty("ContactArn").GetString()!;
            // A third of them get an email channel, whose activation code fills the message log.
            if (i % 3 == 0)
            {
                await api.ContactsAsync("CreateContactChannel", new
                {
                    ContactId = arns[i],
                    Name = "email",
                    Type = "EMAIL",
                    DeliveryAddress = new { SimpleAddress = $"person-{i:D4}@example.com" },
                });
            }
        });
        Report("contacts", contacts, started);

        started = DateTime.UtcNow;
        var rotationArns = new string[rotations];
        await Api.ManyAsync(rotations, workers, async i =>
        {
            var answer = await api.ContactsAsync("CreateRotation", new
            {
                Name = $"rotation-{i:D3}",
                ContactIds = Enumerable.Range(0, 5).Select(k => arns[(i * 5 + k) % contacts]).ToArray(),
                StartTime = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds(),
                TimeZoneId = "Europe/Berlin",
                Recurrence = new { NumberOfOnCalls = 1, RecurrenceMultiplier = 1, DailySettings = new[] { new { HourOfDay = 9, MinuteOfHour = 0 } } },
            });
            rotationArns[i] = answer.GetProperty("RotationArn").GetString()!;
        });
        Report("rotations", rotations, started);

        var plans = new List<string>();
        for (var p = 0; p < 5; p++)
        {
            var plan = await api.IncidentsAsync("/createResponsePlan", new
            {
                name = $"plan-{p}",
                displayName = $"Service {p}",
                incidentTemplate = new { title = $"Service {p} is down", impact = 3 },
                engagements = new[] { arns[p] },
            });
            plans.Add(plan.GetProperty("arn").GetString()!);
            foreach (var format in new[] { "ALERTMANAGER", "GRAFANA", "GENERIC" })
            {
                await api.ContactsAsync("Callout.CreateAlertSource", new { Name = format.ToLowerInvariant(), Format = format, ResponsePlanArn = plans[^1] });
            }
        }
        // Past incidents engage no one (a plan without engagements), as resolved history does.
        var quiet = (await api.IncidentsAsync("/createResponsePlan", new
        {
            name = "history",
            incidentTemplate = new { title = "Past incident", impact = 4 },
        })).GetProperty("arn").GetString()!;

        started = DateTime.UtcNow;
        var incidentArns = new string[incidents];
        await Api.ManyAsync(incidents, workers, async i =>
        {
            var answer = await api.IncidentsAsync("/startIncident", new
            {
                responsePlanArn = quiet,
                title = $"Past incident {i}",
                clientToken = $"bench-{i}",
                triggerDetails = new { source = "bench", timestamp = DateTimeOffset.UtcNow.AddMinutes(-i).ToUnixTimeSeconds() },
            });
            var arn = answer.GetProperty("incidentRecordArn").GetString()!;
            await api.IncidentsAsync("/updateIncidentRecord", new { arn, status = "RESOLVED" });
            incidentArns[i] = arn;
        });
        Report("incidents (started and resolved)", incidents, started);
        return new Seed(arns[0], rotationArns[0], "plan-0", incidentArns[^1]);
    }

    static void Report(string what, int count, DateTime started) =>
        System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {count} {what} in {(DateTime.UtcNow - started).TotalSeconds:0.0} s"));

    /// A page path with its placeholders filled: {contact}, {contactId}, {rotation}, {rotationId},
    /// {plan}, {incident}, {incidentPlan}, {incidentId} (ARNs percent-encoded; ids are the ARN's last
    /// segment, an incident's plan the one before it).
    public string Fill(string path) => path
        .Replace("{contactId}", Last(Contact), StringComparison.Ordinal)
        .Replace("{contact}", Uri.EscapeDataString(Contact), StringComparison.Ordinal)
        .Replace("{rotationId}", Last(Rotation), StringComparison.Ordinal)
        .Replace("{rotation}", Uri.EscapeDataString(Rotation), StringComparison.Ordinal)
        .Replace("{plan}", Uri.EscapeDataString(Plan), StringComparison.Ordinal)
        .Replace("{incidentId}", Last(Incident), StringComparison.Ordinal)
        .Replace("{incidentPlan}", Last(Incident[..Incident.LastIndexOf('/')]), StringComparison.Ordinal)
        .Replace("{incident}", Uri.EscapeDataString(Incident), StringComparison.Ordinal);

    static string Last(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    public string ToJson() => JsonSerializer.Serialize(this);
}
