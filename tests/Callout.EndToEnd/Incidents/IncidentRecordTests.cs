using System.Globalization;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Incidents;

/// Incident records: listing with the model's filters and paginator, account isolation, deletes
/// that succeed on nothing, and hostile input answered with a 400 (docs/spec/incidents.md §4).
public sealed class IncidentRecordTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static List<string> Arns(IncidentsResponse response) =>
        response.Json.GetProperty("incidentRecordSummaries").EnumerateArray().Select(s => s.GetProperty("arn").GetString()!).ToList();

    [Fact]
    public async Task incidents_list_newest_first_with_the_models_filters_and_pages()
    {
        var w = IncidentWorld.New(fixture);
        var plan = await w.PlanAsync("listing", null);
        var a = await w.StartOkAsync(plan, ""","impact":1""");
        await w.Paging.AdvanceAsync(60);
        var b = await w.StartOkAsync(plan, ""","impact":2""");
        await w.Paging.AdvanceAsync(60);
        var c = await w.StartOkAsync(plan, ""","impact":1""");
        Assert.Equal(204, (await w.UpdateAsync(b, "\"status\":\"RESOLVED\"")).Status);
        var bCreated = (await w.RecordAsync(b)).GetProperty("creationTime").GetDecimal();
        string Seconds(decimal s) => s.ToString(CultureInfo.InvariantCulture);

        Assert.Equal([c, b, a], Arns(await w.Incidents.PostAsync("/listIncidentRecords", "{}")));
        Assert.Equal([c, a], Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            """{"filters":[{"key":"impact","condition":{"equals":{"integerValues":[1]}}}]}""")));
        Assert.Equal([b], Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            """{"filters":[{"key":"status","condition":{"equals":{"stringValues":["RESOLVED"]}}}]}""")));
        Assert.Equal([c], Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            $$$"""{"filters":[{"key":"creationTime","condition":{"after":{{{Seconds(bCreated)}}}}}]}""")));
        Assert.Equal([a], Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            $$$"""{"filters":[{"key":"creationTime","condition":{"before":{{{Seconds(bCreated)}}}}}]}""")));
        Assert.Equal([b], Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            $$$"""{"filters":[{"key":"resolvedTime","condition":{"after":{{{Seconds(bCreated - 1)}}}}}]}""")));
        Assert.Equal([c, b, a], Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            $$$$"""{"filters":[{"key":"createdBy","condition":{"equals":{"stringValues":["arn:aws:iam::{{{{w.Account}}}}:root"]}}}]}""")));
        Assert.Empty(Arns(await w.Incidents.PostAsync("/listIncidentRecords",
            """{"filters":[{"key":"createdBy","condition":{"equals":{"stringValues":["arn:aws:iam::999999999999:root"]}}}]}""")));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var next = token is null ? "" : $",\"nextToken\":\"{token}\"";
            var page = await w.Incidents.PostAsync("/listIncidentRecords", $$$"""{"maxResults":1{{{next}}}}""");
            Assert.True(page.Status == 200, page.Text);
            Assert.True(Arns(page).Count <= 1);
            seen.AddRange(Arns(page));
            token = page.Json.TryGetProperty("nextToken", out var t) ? t.GetString() : null;
            if (token is not null)
            {
                // A token is bound to its filters: used with others it is refused.
                var other = await w.Incidents.PostAsync("/listIncidentRecords",
                    $$$$"""{"maxResults":1,"nextToken":"{{{{token}}}}","filters":[{"key":"impact","condition":{"equals":{"integerValues":[1]}}}]}""");
                Assert.Equal((400, "ValidationException"), (other.Status, other.ErrorType));
            }
        }
        while (token is not null);
        Assert.Equal([c, b, a], seen);
    }

    [Fact]
    public async Task another_account_neither_sees_nor_changes_an_incident()
    {
        var owner = IncidentWorld.New(fixture);
        var akuam = await owner.Paging.PersonWithPlanAsync("akuam");
        var arn = await owner.StartOkAsync(await owner.PlanAsync("private", null, akuam.Arn));
        var stranger = IncidentWorld.New(fixture).Incidents;
        var q = IncidentWorld.Q(arn);

        var get = await stranger.GetAsync("/getIncidentRecord?arn=" + q);
        var update = await stranger.PostAsync("/updateIncidentRecord", $$$"""{"arn":"{{{arn}}}","status":"RESOLVED"}""");
        var delete = await stranger.PostAsync("/deleteIncidentRecord", $$$"""{"arn":"{{{arn}}}"}""");
        var list = await stranger.PostAsync("/listIncidentRecords", "{}");
        var timeline = await stranger.PostAsync("/listTimelineEvents", $$$"""{"incidentRecordArn":"{{{arn}}}"}""");
        var note = await stranger.PostAsync("/createTimelineEvent",
            $$$"""{"incidentRecordArn":"{{{arn}}}","eventTime":1700000000,"eventType":"Note","eventData":"x"}""");

        Assert.Equal((404, "ResourceNotFoundException"), (get.Status, get.ErrorType));
        Assert.Equal("INCIDENT_RECORD", get.Json.GetProperty("resourceType").GetString());
        Assert.Equal(404, update.Status);
        Assert.Equal(204, delete.Status);
        Assert.Empty(Arns(list));
        Assert.Empty(timeline.Json.GetProperty("eventSummaries").EnumerateArray());
        Assert.Equal(404, note.Status);
        Assert.Equal("OPEN", (await owner.RecordAsync(arn)).GetProperty("status").GetString());
        Assert.Single(await owner.EngagementsAsync(arn));
    }

    [Fact]
    public async Task the_account_sees_its_incidents_from_every_region()
    {
        var w = IncidentWorld.New(fixture);
        var arn = await w.StartOkAsync(await w.PlanAsync("regional", null));

        var elsewhere = w.Incidents.InRegion("eu-west-1");
        var get = await elsewhere.GetAsync("/getIncidentRecord?arn=" + IncidentWorld.Q(arn));
        var resolve = await elsewhere.PostAsync("/updateIncidentRecord", $$$"""{"arn":"{{{arn}}}","status":"RESOLVED"}""");

        Assert.Equal(200, get.Status);
        Assert.Equal(204, resolve.Status);
        Assert.Equal("RESOLVED", (await w.RecordAsync(arn)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_deleted_incident_is_gone_and_deleting_again_succeeds()
    {
        var w = IncidentWorld.New(fixture);
        var arn = await w.StartOkAsync(await w.PlanAsync("deleted", null));

        var first = await w.Incidents.PostAsync("/deleteIncidentRecord", $$$"""{"arn":"{{{arn}}}"}""");
        var again = await w.Incidents.PostAsync("/deleteIncidentRecord", $$$"""{"arn":"{{{arn}}}"}""");

        Assert.Equal(204, first.Status);
        Assert.Equal(204, again.Status);
        Assert.Equal(404, (await w.Incidents.GetAsync("/getIncidentRecord?arn=" + IncidentWorld.Q(arn))).Status);
        Assert.Empty(await w.EventsAsync(arn));
    }

    [Fact]
    public async Task starting_needs_a_replication_set_a_known_plan_and_a_source_of_ones_own()
    {
        var w = IncidentWorld.New(fixture);
        var planArn = $"arn:aws:ssm-incidents::{w.Account}:response-plan/none";

        var noSet = await w.StartAsync(planArn);
        Assert.Equal((400, "ValidationException"), (noSet.Status, noSet.ErrorType));
        Assert.Contains("replication set", noSet.Message, StringComparison.Ordinal);

        var plan = await w.PlanAsync("known", null);
        var unknown = await w.StartAsync(planArn);
        Assert.Equal((404, "ResourceNotFoundException"), (unknown.Status, unknown.ErrorType));

        var reserved = await w.StartAsync(plan, ""","triggerDetails":{"source":"aws.cloudwatch","timestamp":1700000000}""");
        Assert.Equal((400, "ValidationException"), (reserved.Status, reserved.ErrorType));
        Assert.Contains("aws.cloudwatch", reserved.Message, StringComparison.Ordinal);
        Assert.Empty(Arns(await w.Incidents.PostAsync("/listIncidentRecords", "{}")));
    }

    [Theory]
    [InlineData("/startIncident", """{"responsePlanArn":"not-an-arn"}""")]
    [InlineData("/startIncident", """{"responsePlanArn":"PLAN","impact":9}""")]
    [InlineData("/startIncident", """{"responsePlanArn":"PLAN","impact":"high"}""")]
    [InlineData("/startIncident", """{"responsePlanArn":"PLAN","triggerDetails":{"source":"x"}}""")]
    [InlineData("/startIncident", """{"responsePlanArn":"PLAN","relatedItems":[{"identifier":{"type":"NOPE","value":{"url":"x"}}}]}""")]
    [InlineData("/startIncident", """{"responsePlanArn":"PLAN","relatedItems":[{"identifier":{"type":"OTHER","value":{"url":"x","arn":"arn:aws:s3:::b"}}}]}""")]
    [InlineData("/listIncidentRecords", """{"filters":[{"key":"colour","condition":{"equals":{"stringValues":["red"]}}}]}""")]
    [InlineData("/listIncidentRecords", """{"filters":[{"key":"impact","condition":{"equals":{"stringValues":["1"]}}}]}""")]
    [InlineData("/listIncidentRecords", """{"filters":[{"key":"status","condition":{"equals":{"stringValues":["SLEEPING"]}}}]}""")]
    [InlineData("/listIncidentRecords", """{"filters":[{"key":"creationTime","condition":{"equals":{"integerValues":[1]}}}]}""")]
    [InlineData("/listIncidentRecords", """{"filters":[{"key":"impact","condition":{"after":1700000000}}]}""")]
    [InlineData("/listIncidentRecords", """{"nextToken":"forged-token"}""")]
    [InlineData("/listIncidentRecords", """{"maxResults":0.5}""")]
    [InlineData("/listTimelineEvents", """{"incidentRecordArn":"INCIDENT","sortOrder":"SIDEWAYS"}""")]
    [InlineData("/listTimelineEvents", """{"incidentRecordArn":"INCIDENT","filters":[{"key":"impact","condition":{"equals":{"integerValues":[1]}}}]}""")]
    [InlineData("/createTimelineEvent", """{"incidentRecordArn":"INCIDENT","eventTime":1700000000,"eventType":"Callout Incident Created","eventData":"forged"}""")]
    [InlineData("/createTimelineEvent", """{"incidentRecordArn":"INCIDENT","eventTime":"yesterday","eventType":"Note","eventData":"x"}""")]
    [InlineData("/updateIncidentRecord", """{"arn":"INCIDENT","status":"CLOSED"}""")]
    [InlineData("/updateRelatedItems", """{"incidentRecordArn":"INCIDENT","relatedItemsUpdate":{}}""")]
    [InlineData("/updateIncidentRecord", """[1,2,3]""")]
    public async Task hostile_input_is_a_validation_error_naming_the_problem(string path, string body)
    {
        var w = IncidentWorld.New(fixture);
        var plan = await w.PlanAsync("hostile", null);
        var incident = await w.StartOkAsync(plan);

        var response = await w.Incidents.PostAsync(path, body.Replace("PLAN", plan, StringComparison.Ordinal)
            .Replace("INCIDENT", incident, StringComparison.Ordinal));

        Assert.True(response.Status == 400, response.Text);
        Assert.Equal("ValidationException", response.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(response.Message));
        Assert.Single(Arns(await w.Incidents.PostAsync("/listIncidentRecords", "{}")));
    }

    [Fact]
    public async Task an_over_long_title_or_a_malformed_arn_in_the_query_is_refused()
    {
        var w = IncidentWorld.New(fixture);
        var plan = await w.PlanAsync("lengths", null);

        var title = await w.StartAsync(plan, $",\"title\":\"{new string('t', 201)}\"");
        var get = await w.Incidents.GetAsync("/getIncidentRecord?arn=%00%01");
        var missing = await w.Incidents.GetAsync("/getIncidentRecord");

        Assert.Equal((400, "ValidationException"), (title.Status, title.ErrorType));
        Assert.Equal((400, "ValidationException"), (get.Status, get.ErrorType));
        Assert.Equal((400, "ValidationException"), (missing.Status, missing.ErrorType));
    }
}
