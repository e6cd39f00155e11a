using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Incidents;

namespace Callout.EndToEnd.Alerts;

/// One account on a virtual-clock server set up to be paged by alerts: an on-call person with
/// an EMAIL, SMS and VOICE plan (5 minutes a stage, retried every minute), a replication set, a
/// response plan engaging that person, and alert sources bound to the plan. It reads back what an
/// alert led to: the incidents, their engagements and the pages in the outbox.
public sealed class AlertChain
{
    AlertChain(Paging paging, IncidentsClient incidents, Person person, string planArn)
    {
        Paging = paging;
        Incidents = incidents;
        Person = person;
        PlanArn = planArn;
    }

    public Paging Paging { get; }

    public IncidentsClient Incidents { get; }

    public Person Person { get; }

    public string PlanArn { get; }

    /// `dedupeString`, when given, is the plan's: every start of the plan then shares one open incident.
    public static async Task<AlertChain> CreateAsync(VirtualClockFixture fixture, string? dedupeString = null)
    {
        var paging = fixture.NewPaging();
        var person = await paging.PersonWithPlanAsync("oncall");
        var incidents = new IncidentsClient(fixture.Endpoint, paging.Client.Account);
        await incidents.CreateReplicationSetAsync();
        var dedupe = dedupeString is null ? "" : $$""","dedupeString":"{{dedupeString}}" """;
        var plan = await incidents.PostAsync("/createResponsePlan", $$$"""
            {"name":"checkout","incidentTemplate":{"title":"Checkout is failing","impact":3{{{dedupe}}}},"engagements":["{{{person.Arn}}}"]}
            """);
        Assert.True(plan.Status == 201, "CreateResponsePlan: " + plan.Text);
        return new AlertChain(paging, incidents, person, plan.Json.GetProperty("arn").GetString()!);
    }

    /// A new alert source of `format` (ALERTMANAGER, PAGERDUTY, …) bound to the plan: its key and
    /// the addresses Callout gives for it (Url with the key in the path where the format has one,
    /// BearerUrl without).
    public async Task<(string Key, Uri Url, Uri? BearerUrl)> AlertSourceAsync(string format)
    {
        var response = await Paging.Client.SendAsync("Callout.CreateAlertSource", Encoding.UTF8.GetBytes($$"""
            {"Name":"{{format.ToLowerInvariant()}} alerts","Format":"{{format}}","ResponsePlanArn":"{{PlanArn}}"}
            """));
        Assert.True(response.Status == 200, "CreateAlertSource: " + response.Text);
        var json = response.Json;
        return (json.GetProperty("Key").GetString()!, new Uri(json.GetProperty("Url").GetString()!),
            json.TryGetProperty("BearerUrl", out var bearer) ? new Uri(bearer.GetString()!) : null);
    }

    /// Every incident record of the account.
    public async Task<IReadOnlyList<JsonElement>> IncidentsAsync()
    {
        var response = await Incidents.PostAsync("/listIncidentRecords", """{"maxResults":100}""");
        Assert.True(response.Status == 200, "ListIncidentRecords: " + response.Text);
        return [.. response.Json.GetProperty("incidentRecordSummaries").EnumerateArray()];
    }

    public async Task<JsonElement> IncidentAsync(string arn)
    {
        var response = await Incidents.GetAsync("/getIncidentRecord?arn=" + Uri.EscapeDataString(arn));
        Assert.True(response.Status == 200, "GetIncidentRecord: " + response.Text);
        return response.Json.GetProperty("incidentRecord");
    }

    /// Waits until the incident has the status; Alertmanager notifies on its own timings.
    public async Task<JsonElement> WaitForStatusAsync(string arn, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var incident = await IncidentAsync(arn);
            if (incident.GetProperty("status").GetString() == status)
            {
                return incident;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the incident is still {incident.GetProperty("status").GetString()}, not {status}: {incident}");
            await Task.Delay(100);
        }
    }

    /// Waits for the account's first incident, which an alert's notification opens.
    public async Task<JsonElement> WaitForIncidentAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var incidents = await IncidentsAsync();
            if (incidents.Count > 0)
            {
                return incidents[0];
            }
            Assert.True(DateTime.UtcNow < deadline, "no incident was opened");
            await Task.Delay(100);
        }
    }

    /// Waits until the incident's timeline holds `count` events of `type` (CalloutEvents): proof
    /// that Callout took notifications which changed nothing else, such as absorbed repeats.
    public async Task WaitForEventsAsync(string incidentArn, string type, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var response = await Incidents.PostAsync("/listTimelineEvents", $$"""{"incidentRecordArn":"{{incidentArn}}","maxResults":100}""");
            Assert.True(response.Status == 200, "ListTimelineEvents: " + response.Text);
            var found = response.Json.GetProperty("eventSummaries").EnumerateArray().Count(e => e.GetProperty("eventType").GetString() == type);
            if (found >= count)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the incident's timeline has {found} '{type}' events, not {count}: {response.Text}");
            await Task.Delay(100);
        }
    }

    /// The ssm-contacts engagements the incident started (ListEngagements by IncidentId).
    public async Task<IReadOnlyList<string>> EngagementsAsync(string incidentArn)
    {
        var result = await Paging.Client.OkAsync("ListEngagements", $$"""{"IncidentId":"{{incidentArn}}","MaxResults":100}""");
        return [.. result.GetProperty("Engagements").EnumerateArray().Select(e => e.GetProperty("EngagementArn").GetString()!)];
    }

    /// The pages sent to the on-call person so far.
    public async Task<int> PagesSentAsync()
    {
        var addresses = Person.Channels.Select(c => c.Address).ToHashSet(StringComparer.Ordinal);
        return (await Paging.SentAsync()).Count(s => addresses.Contains(s.Address));
    }
}
