using System.Text.Json;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Incidents;

/// One account on a virtual-clock server with both APIs: ssm-contacts (Paging) for contacts,
/// engagements and pages, ssm-incidents (IncidentsClient) for the replication set, plans and
/// incidents.
public sealed class IncidentWorld(Paging paging, Uri endpoint)
{
    public Paging Paging => paging;

    public IncidentsClient Incidents { get; } = new(endpoint, paging.Client.Account);

    public string Account => paging.Client.Account;

    public static IncidentWorld New(VirtualClockFixture fixture) => new(fixture.NewPaging(), fixture.Endpoint);

    public static string Q(string value) => Uri.EscapeDataString(value);

    /// A replication set and a plan engaging the given contacts; the plan's ARN.
    public async Task<string> PlanAsync(string name, string? dedupe, params string[] contactArns)
    {
        if ((await Incidents.PostAsync("/listReplicationSets", "{}")).Json.GetProperty("replicationSetArns").GetArrayLength() == 0)
        {
            await Incidents.CreateReplicationSetAsync();
        }
        var dedupeJson = dedupe is null ? "" : $",\"dedupeString\":{JsonSerializer.Serialize(dedupe)}";
        var response = await Incidents.PostAsync("/createResponsePlan", $$$"""
            {"name":"{{{name}}}","incidentTemplate":{"title":"{{{name}}} is down","impact":3,"summary":"Look at {{{name}}}"{{{dedupeJson}}},
             "incidentTags":{"team":"db"}},
             "engagements":{{{JsonSerializer.Serialize(contactArns)}}}}
            """);
        Assert.True(response.Status == 201, response.Text);
        return response.Json.GetProperty("arn").GetString()!;
    }

    public async Task<IncidentsResponse> StartAsync(string planArn, string extra = "") =>
        await Incidents.PostAsync("/startIncident", $$$"""{"responsePlanArn":"{{{planArn}}}"{{{extra}}}}""");

    public async Task<string> StartOkAsync(string planArn, string extra = "")
    {
        var response = await StartAsync(planArn, extra);
        Assert.True(response.Status == 200, response.Text);
        return response.Json.GetProperty("incidentRecordArn").GetString()!;
    }

    public async Task<JsonElement> RecordAsync(string arn)
    {
        var response = await Incidents.GetAsync("/getIncidentRecord?arn=" + Q(arn));
        Assert.True(response.Status == 200, response.Text);
        return response.Json.GetProperty("incidentRecord");
    }

    public async Task<IncidentsResponse> UpdateAsync(string arn, string members) =>
        await Incidents.PostAsync("/updateIncidentRecord", $$$"""{"arn":"{{{arn}}}",{{{members}}}}""");

    /// Every event of the incident's timeline, in the order the server lists them.
    public async Task<List<JsonElement>> EventsAsync(string arn, string extra = "")
    {
        var events = new List<JsonElement>();
        string? token = null;
        do
        {
            var next = token is null ? "" : $",\"nextToken\":\"{token}\"";
            var response = await Incidents.PostAsync("/listTimelineEvents", $$$"""{"incidentRecordArn":"{{{arn}}}"{{{extra}}}{{{next}}}}""");
            Assert.True(response.Status == 200, response.Text);
            events.AddRange(response.Json.GetProperty("eventSummaries").EnumerateArray());
            token = response.Json.TryGetProperty("nextToken", out var t) ? t.GetString() : null;
        }
        while (token is not null);
        return events;
    }

    public async Task<List<string>> EventTypesAsync(string arn) =>
        (await EventsAsync(arn)).Select(e => e.GetProperty("eventType").GetString()!).ToList();

    public async Task<List<JsonElement>> EngagementsAsync(string incidentArn) =>
        (await paging.Client.OkAsync("ListEngagements", $$$"""{"IncidentId":"{{{incidentArn}}}"}"""))
            .GetProperty("Engagements").EnumerateArray().ToList();
}
