using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Alerts;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Incidents;

namespace Callout.EndToEnd.Console;

/// What the console tests set up through the API in the fixture's account: people with channels
/// and plans (Paging), response plans and incidents (IncidentWorld), alert sources, audit records.
/// The fixture's server runs on the real clock, so its engine pages as soon as an engagement starts.
public sealed class ConsoleWorld(ConsoleFixture fixture)
{
    public Paging Paging { get; } = new(fixture.Api, fixture.Server.Endpoint);

    public IncidentWorld Incidents { get; } = new(new Paging(fixture.Api, fixture.Server.Endpoint), fixture.Server.Endpoint);

    /// A person paged by a plan of the given name, and a GENERIC alert source for that plan.
    public async Task<(Person Person, string PlanArn, JsonElement Source)> AlertingAsync(string alias, string plan)
    {
        var person = await Paging.PersonWithPlanAsync(alias);
        var planArn = await Incidents.PlanAsync(plan, null, person.Arn);
        var source = await CalloutOkAsync("CreateAlertSource",
            $$"""{"Name":"{{plan}}-generic","Format":"GENERIC","ResponsePlanArn":"{{planArn}}"}""");
        return (person, planArn, source);
    }

    public static async Task<string> FireAsync(JsonElement source, string dedupKey, string title, int impact = 2)
    {
        var fired = await AlertWorld.PostAsync(source, JsonSerializer.Serialize(new { dedupKey, title, summary = "Raised by the console test", impact }));
        Assert.True(fired.Status == 200, fired.Text);
        return fired.Json.GetProperty("incidentArn").GetString()!;
    }

    public async Task<JsonElement> CalloutOkAsync(string operation, string json)
    {
        var response = await Paging.Client.SendAsync("Callout." + operation, Encoding.UTF8.GetBytes(json));
        Assert.True(response.Status == 200, $"Callout.{operation} failed with {response.Status}: {response.Text}");
        return response.Json;
    }

    /// Audit records of one operation as "Outcome ResourceArn Caller".
    public async Task<List<string>> AuditAsync(string operation) =>
        (await CalloutOkAsync("ListAuditEvents", JsonSerializer.Serialize(new { Operation = operation })))
            .GetProperty("AuditEvents").EnumerateArray()
            .Select(e => $"{e.GetProperty("Outcome").GetString()} {(e.TryGetProperty("ResourceArn", out var arn) ? arn.GetString() : "-")} {e.GetProperty("Caller").GetString()}")
            .ToList();
}
