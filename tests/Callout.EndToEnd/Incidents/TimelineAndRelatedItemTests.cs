using System.Text.Json;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Incidents;

/// A caller's timeline events (Custom Event, Note) with filters, sort and pages; related items
/// added and removed; findings, which an incident in Callout never has (docs/spec/incidents.md §4).
public sealed class TimelineAndRelatedItemTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static async Task<string> NoteAsync(IncidentWorld w, string arn, long time, string type = "Note", string data = "note")
    {
        var response = await w.Incidents.PostAsync("/createTimelineEvent", $$$"""
            {"incidentRecordArn":"{{{arn}}}","eventTime":{{{time}}},"eventType":"{{{type}}}","eventData":"{{{data}}}",
             "eventReferences":[{"resource":"arn:aws:s3:::bucket"},{"relatedItemId":"related-item/OTHER/0123456789ABCDEF0123456789ABCDEF"}]}
            """);
        Assert.True(response.Status == 201, response.Text);
        Assert.Equal(arn, response.Json.GetProperty("incidentRecordArn").GetString());
        return response.Json.GetProperty("eventId").GetString()!;
    }

    static List<string> Ids(IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("eventId").GetString()!).ToList();

    [Fact]
    public async Task caller_events_are_created_read_filtered_sorted_paged_updated_and_deleted()
    {
        var w = IncidentWorld.New(fixture);
        var arn = await w.StartOkAsync(await w.PlanAsync("timeline", null));
        var created = Ids(await w.EventsAsync(arn));
        var n1 = await NoteAsync(w, arn, 1_000_000_000);
        var n2 = await NoteAsync(w, arn, 1_000_000_100, "Custom Event", "custom");
        var n3 = await NoteAsync(w, arn, 1_000_000_200);

        var get = await w.Incidents.GetAsync($"/getTimelineEvent?incidentRecordArn={IncidentWorld.Q(arn)}&eventId={n2}");
        Assert.Equal(200, get.Status);
        var read = get.Json.GetProperty("event");
        Assert.Equal("Custom Event", read.GetProperty("eventType").GetString());
        Assert.Equal("custom", read.GetProperty("eventData").GetString());
        Assert.Equal(1_000_000_100m, read.GetProperty("eventTime").GetDecimal());
        Assert.Equal("arn:aws:s3:::bucket", read.GetProperty("eventReferences")[0].GetProperty("resource").GetString());
        Assert.Equal("related-item/OTHER/0123456789ABCDEF0123456789ABCDEF", read.GetProperty("eventReferences")[1].GetProperty("relatedItemId").GetString());

        Assert.Equal([n1, n2, n3, .. created], Ids(await w.EventsAsync(arn)));
        Assert.Equal([.. Enumerable.Reverse(created), n3, n2, n1],
            Ids(await w.EventsAsync(arn, ""","sortBy":"EVENT_TIME","sortOrder":"DESCENDING","maxResults":1""")));
        Assert.Equal([n1, n3], Ids(await w.EventsAsync(arn,
            ""","filters":[{"key":"eventType","condition":{"equals":{"stringValues":["Note"]}}}],"maxResults":1""")));
        Assert.Equal([n2, n3], Ids(await w.EventsAsync(arn,
            ""","filters":[{"key":"eventTime","condition":{"after":1000000050}},{"key":"eventTime","condition":{"before":1000000300}}]""")));

        var update = await w.Incidents.PostAsync("/updateTimelineEvent",
            $$$"""{"incidentRecordArn":"{{{arn}}}","eventId":"{{{n1}}}","eventData":"changed","eventTime":1000000500}""");
        Assert.Equal(204, update.Status);
        Assert.Equal([n2, n3, n1], Ids(await w.EventsAsync(arn)).Take(3));
        var callout = created[0];
        var forged = await w.Incidents.PostAsync("/updateTimelineEvent",
            $$$"""{"incidentRecordArn":"{{{arn}}}","eventId":"{{{callout}}}","eventData":"rewritten"}""");
        Assert.Equal((400, "ValidationException"), (forged.Status, forged.ErrorType));

        Assert.Equal(204, (await w.Incidents.PostAsync("/deleteTimelineEvent", $$$"""{"incidentRecordArn":"{{{arn}}}","eventId":"{{{n2}}}"}""")).Status);
        Assert.Equal(204, (await w.Incidents.PostAsync("/deleteTimelineEvent", $$$"""{"incidentRecordArn":"{{{arn}}}","eventId":"{{{n2}}}"}""")).Status);
        var gone = await w.Incidents.GetAsync($"/getTimelineEvent?incidentRecordArn={IncidentWorld.Q(arn)}&eventId={n2}");
        Assert.Equal((404, "ResourceNotFoundException"), (gone.Status, gone.ErrorType));
        Assert.DoesNotContain(n2, Ids(await w.EventsAsync(arn)));
    }

    [Fact]
    public async Task a_retried_create_with_its_client_token_makes_one_event()
    {
        var w = IncidentWorld.New(fixture);
        var arn = await w.StartOkAsync(await w.PlanAsync("retry", null));
        var body = $$$"""{"incidentRecordArn":"{{{arn}}}","eventTime":1700000000,"eventType":"Note","eventData":"once","clientToken":"{{{Guid.NewGuid()}}}"}""";

        var first = await w.Incidents.PostAsync("/createTimelineEvent", body);
        var second = await w.Incidents.PostAsync("/createTimelineEvent", body);

        Assert.Equal(first.Json.GetProperty("eventId").GetString(), second.Json.GetProperty("eventId").GetString());
        Assert.Single(await w.EventsAsync(arn), e => e.GetProperty("eventType").GetString() == "Note");
    }

    [Fact]
    public async Task related_items_come_with_the_start_and_are_added_and_removed_once_each()
    {
        var w = IncidentWorld.New(fixture);
        var plan = await w.PlanAsync("related", null);
        var arn = await w.StartOkAsync(plan, """
            ,"relatedItems":[{"identifier":{"type":"OTHER","value":{"url":"https://runbook.example/db"}},"title":"Runbook"},
                             {"identifier":{"type":"INVOLVED_RESOURCE","value":{"arn":"arn:aws:rds:us-east-1:111122223333:db:main"}}}]
            """);
        async Task<List<string>> TitlesAsync()
        {
            var items = new List<string>();
            string? token = null;
            do
            {
                var next = token is null ? "" : $",\"nextToken\":\"{token}\"";
                var page = await w.Incidents.PostAsync("/listRelatedItems", $$$"""{"incidentRecordArn":"{{{arn}}}","maxResults":1{{{next}}}}""");
                Assert.True(page.Status == 200, page.Text);
                items.AddRange(page.Json.GetProperty("relatedItems").EnumerateArray()
                    .Select(i => i.TryGetProperty("title", out var t) ? t.GetString()! : i.GetProperty("identifier").GetProperty("type").GetString()!));
                token = page.Json.TryGetProperty("nextToken", out var n) ? n.GetString() : null;
            }
            while (token is not null);
            return items;
        }
        Assert.Equal(["Runbook", "INVOLVED_RESOURCE"], await TitlesAsync());

        const string dashboard = """{"identifier":{"type":"METRIC","value":{"url":"https://grafana.example/d/1"}},"title":"Dashboard"}""";
        var add = await w.Incidents.PostAsync("/updateRelatedItems", $$$"""{"incidentRecordArn":"{{{arn}}}","relatedItemsUpdate":{"itemToAdd":{{{dashboard}}}}}""");
        var again = await w.Incidents.PostAsync("/updateRelatedItems", $$$"""{"incidentRecordArn":"{{{arn}}}","relatedItemsUpdate":{"itemToAdd":{{{dashboard}}}}}""");
        Assert.Equal(204, add.Status);
        Assert.Equal((409, "ConflictException"), (again.Status, again.ErrorType));
        Assert.Equal(["Runbook", "INVOLVED_RESOURCE", "Dashboard"], await TitlesAsync());

        const string runbook = """{"type":"OTHER","value":{"url":"https://runbook.example/db"}}""";
        var remove = await w.Incidents.PostAsync("/updateRelatedItems", $$$"""{"incidentRecordArn":"{{{arn}}}","relatedItemsUpdate":{"itemToRemove":{{{runbook}}}}}""");
        var removeAgain = await w.Incidents.PostAsync("/updateRelatedItems", $$$"""{"incidentRecordArn":"{{{arn}}}","relatedItemsUpdate":{"itemToRemove":{{{runbook}}}}}""");
        Assert.Equal(204, remove.Status);
        Assert.Equal((404, "ResourceNotFoundException"), (removeAgain.Status, removeAgain.ErrorType));
        Assert.Equal(["INVOLVED_RESOURCE", "Dashboard"], await TitlesAsync());

        var absent = $"arn:aws:ssm-incidents::{w.Account}:incident-record/related/00000000-0000-0000-0000-000000000000";
        var listAbsent = await w.Incidents.PostAsync("/listRelatedItems", $$$"""{"incidentRecordArn":"{{{absent}}}"}""");
        Assert.Equal(200, listAbsent.Status);
        Assert.Empty(listAbsent.Json.GetProperty("relatedItems").EnumerateArray());
        var addAbsent = await w.Incidents.PostAsync("/updateRelatedItems", $$$"""{"incidentRecordArn":"{{{absent}}}","relatedItemsUpdate":{"itemToAdd":{{{dashboard}}}}}""");
        Assert.Equal((404, "ResourceNotFoundException"), (addAbsent.Status, addAbsent.ErrorType));
    }

    [Fact]
    public async Task an_incident_has_no_findings_and_an_unknown_one_is_not_found()
    {
        var w = IncidentWorld.New(fixture);
        var arn = await w.StartOkAsync(await w.PlanAsync("findings", null));
        var absent = $"arn:aws:ssm-incidents::{w.Account}:incident-record/findings/00000000-0000-0000-0000-000000000000";

        var list = await w.Incidents.PostAsync("/listIncidentFindings", $$$"""{"incidentRecordArn":"{{{arn}}}"}""");
        var batch = await w.Incidents.PostAsync("/batchGetIncidentFindings", $$$"""{"incidentRecordArn":"{{{arn}}}","findingIds":["f1"]}""");
        var unknown = await w.Incidents.PostAsync("/listIncidentFindings", $$$"""{"incidentRecordArn":"{{{absent}}}"}""");
        var unknownBatch = await w.Incidents.PostAsync("/batchGetIncidentFindings", $$$"""{"incidentRecordArn":"{{{absent}}}","findingIds":["f1"]}""");

        Assert.Equal(200, list.Status);
        Assert.Empty(list.Json.GetProperty("findings").EnumerateArray());
        Assert.Equal(200, batch.Status);
        Assert.Empty(batch.Json.GetProperty("findings").EnumerateArray());
        Assert.Equal("f1", batch.Json.GetProperty("errors")[0].GetProperty("findingId").GetString());
        Assert.Equal((404, "ResourceNotFoundException"), (unknown.Status, unknown.ErrorType));
        Assert.Equal((404, "ResourceNotFoundException"), (unknownBatch.Status, unknownBatch.ErrorType));
    }
}
