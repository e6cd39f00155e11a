using System.Text.Json;
using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// Set-up, not timed: the people a plan engages (People: activated channels, a one-stage plan
/// retrying every minute), the account's replication set, a response plan engaging them all, and
/// a GENERIC alert source for it, whose key-bearing URL the storm posts to.
static class StormSetUp
{
    public sealed record Result(IncidentsCalls Incidents, string AlertPath, string PlanArn, IReadOnlyList<Person> People);

    public static async Task<Result> RunAsync(StormOptions options, CalloutClient contacts, HttpClient sink, CancellationToken ct)
    {
        var people = await People.CreateAsync(contacts, sink, options.Contacts, options.Channels, workers: 4, ct);
        var incidents = new IncidentsCalls(contacts.Http, options.Url, people[0].Account);
        await incidents.RestAsync("/createReplicationSet", """{"regions":{"us-east-1":{}}}""", ct);
        var plan = await incidents.RestAsync("/createResponsePlan", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "storm",
            ["incidentTemplate"] = new Dictionary<string, object> { ["title"] = "storm", ["impact"] = 3 },
            ["engagements"] = people.Select(p => p.Arn).ToArray(),
        }), ct);
        var planArn = plan.GetProperty("arn").GetString()!;
        var source = await incidents.ManagementAsync("CreateAlertSource", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Name"] = "storm",
            ["Format"] = "GENERIC",
            ["ResponsePlanArn"] = planArn,
        }), ct);
        // The answer's URL is built from the server's public URL; the storm posts to the same path
        // on each node's address.
        var url = new Uri(source.GetProperty("Url").GetString()!);
        return new Result(incidents, url.PathAndQuery, planArn, people);
    }
}
