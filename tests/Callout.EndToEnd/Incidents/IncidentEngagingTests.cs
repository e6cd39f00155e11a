using System.Text.Json;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Incidents;

/// docs/spec/incidents.md §4: a new incident engages its plan's contacts through ssm-contacts
/// engagements, dedupes on the plan's key or the trigger, and resolving stops what it started.
public sealed class IncidentEngagingTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Fact]
    public async Task a_new_incident_engages_each_contact_of_its_plan_and_its_pages_go_out()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var alejr = await w.Paging.PersonWithPlanAsync("alejr");
        var plan = await w.PlanAsync("database", null, akuam.Arn, alejr.Arn);

        var arn = await w.StartOkAsync(plan, ""","title":"Primary down","impact":2""");

        Assert.Matches($"^arn:aws:ssm-incidents::{w.Account}:incident-record/database/[0-9a-f-]{{36}}$", arn);
        var engagements = await w.EngagementsAsync(arn);
        Assert.Equal([akuam.Arn, alejr.Arn], engagements.Select(e => e.GetProperty("ContactArn").GetString()).Order());
        Assert.All(engagements, e =>
        {
            Assert.Equal("database", e.GetProperty("Sender").GetString());
            Assert.Equal(arn, e.GetProperty("IncidentId").GetString());
        });
        var described = await w.Paging.DescribeEngagementAsync(engagements[0].GetProperty("EngagementArn").GetString()!);
        Assert.Equal("Primary down", described.GetProperty("Subject").GetString());
        Assert.Equal("Look at database", described.GetProperty("Content").GetString());

        await w.Paging.RunDueAsync();
        var sent = await w.Paging.SentAsync();
        Assert.Contains(sent, s => s.Address == akuam["EMAIL"].Address);
        Assert.Contains(sent, s => s.Address == alejr["EMAIL"].Address);

        var record = await w.RecordAsync(arn);
        Assert.Equal("OPEN", record.GetProperty("status").GetString());
        Assert.Equal("Primary down", record.GetProperty("title").GetString());
        Assert.Equal(2, record.GetProperty("impact").GetInt32());
        Assert.Equal("Look at database", record.GetProperty("summary").GetString());
        Assert.Equal("", record.GetProperty("dedupeString").GetString());
        Assert.Equal($"arn:aws:iam::{w.Account}:root", record.GetProperty("incidentRecordSource").GetProperty("createdBy").GetString());
        Assert.Equal("callout.api", record.GetProperty("incidentRecordSource").GetProperty("source").GetString());
        Assert.False(record.TryGetProperty("resolvedTime", out _));
        var tags = await w.Incidents.GetAsync("/tags/" + IncidentWorld.Q(arn));
        Assert.True(tags.Status == 200, tags.Text);
        Assert.Equal("db", tags.Json.GetProperty("tags").GetProperty("team").GetString());

        var types = await w.EventTypesAsync(arn);
        Assert.Equal("Callout Incident Created", types[0]);
        Assert.Equal(2, types.Count(t => t == "Callout Engagement Started"));
        Assert.Equal(sent.Count(s => s.Address == akuam["EMAIL"].Address || s.Address == alejr["EMAIL"].Address),
            types.Count(t => t == "Callout Page Sent"));
        var pageSent = (await w.EventsAsync(arn)).First(e => e.GetProperty("eventType").GetString() == "Callout Page Sent");
        Assert.StartsWith($"arn:aws:ssm-contacts:us-east-1:{w.Account}:page/",
            pageSent.GetProperty("eventReferences")[0].GetProperty("resource").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_open_incident_with_the_plans_dedupe_string_absorbs_a_second_start_without_paging()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var plan = await w.PlanAsync("api", "api-outage", akuam.Arn);
        var first = await w.StartOkAsync(plan);
        await w.Paging.RunDueAsync();
        var pagesBefore = (await w.Paging.SentAsync()).Count;

        var second = await w.StartOkAsync(plan, ""","triggerDetails":{"source":"monitoring.api","timestamp":1700000000,"triggerArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:a"}""");
        await w.Paging.RunDueAsync();

        Assert.Equal(first, second);
        Assert.Single(await w.EngagementsAsync(first));
        Assert.Equal(pagesBefore, (await w.Paging.SentAsync()).Count);
        Assert.Equal("api-outage", (await w.RecordAsync(first)).GetProperty("dedupeString").GetString());
        var deduped = (await w.EventsAsync(first)).Single(e => e.GetProperty("eventType").GetString() == "Callout Incident Deduplicated");
        var data = await EventDataAsync(w, first, deduped.GetProperty("eventId").GetString()!);
        Assert.Equal("monitoring.api", data.GetProperty("source").GetString());
    }

    [Fact]
    public async Task without_a_plan_dedupe_string_the_trigger_arn_is_the_key_and_no_trigger_means_no_dedupe()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var plan = await w.PlanAsync("web", null, akuam.Arn);
        const string alarm = ""","triggerDetails":{"source":"monitoring.web","timestamp":1700000000,"triggerArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:web"}""";
        const string other = ""","triggerDetails":{"source":"monitoring.web","timestamp":1700000000,"triggerArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:other"}""";

        var a = await w.StartOkAsync(plan, alarm);
        var b = await w.StartOkAsync(plan, alarm);
        var c = await w.StartOkAsync(plan, other);
        var d = await w.StartOkAsync(plan);
        var e = await w.StartOkAsync(plan);

        Assert.Equal(a, b);
        Assert.Equal(4, new[] { a, c, d, e }.Distinct().Count());
        Assert.Equal("arn:aws:cloudwatch:us-east-1:111122223333:alarm:web", (await w.RecordAsync(a)).GetProperty("dedupeString").GetString());
        Assert.Equal("arn:aws:cloudwatch:us-east-1:111122223333:alarm:web",
            (await w.RecordAsync(a)).GetProperty("incidentRecordSource").GetProperty("resourceArn").GetString());
    }

    [Fact]
    public async Task ten_concurrent_duplicate_starts_open_one_incident_with_one_engagement_per_contact()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var alejr = await w.Paging.PersonWithPlanAsync("alejr");
        var plan = await w.PlanAsync("storm", "storm", akuam.Arn, alejr.Arn);

        var arns = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => w.StartOkAsync(plan)));
        await w.Paging.RunDueAsync();

        var incident = Assert.Single(arns.Distinct());
        Assert.Equal(2, (await w.EngagementsAsync(incident)).Count);
        Assert.Equal(2, (await w.Paging.Client.OkAsync("ListEngagements", "{}")).GetProperty("Engagements").GetArrayLength());
        var listed = await w.Incidents.PostAsync("/listIncidentRecords", "{}");
        Assert.Single(listed.Json.GetProperty("incidentRecordSummaries").EnumerateArray());
        Assert.Equal(9, (await w.EventTypesAsync(incident)).Count(t => t == "Callout Incident Deduplicated"));
    }

    [Fact]
    public async Task resolving_stops_the_engagements_and_reopening_pages_no_one()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var plan = await w.PlanAsync("queue", "queue", akuam.Arn);
        var arn = await w.StartOkAsync(plan);
        await w.Paging.RunDueAsync();
        var engagement = Assert.Single(await w.EngagementsAsync(arn)).GetProperty("EngagementArn").GetString()!;

        var resolve = await w.UpdateAsync(arn, "\"status\":\"RESOLVED\"");

        Assert.Equal(204, resolve.Status);
        Assert.Empty(resolve.Body);
        Assert.NotNull(await w.Paging.StopTimeAsync(engagement));
        var record = await w.RecordAsync(arn);
        Assert.Equal("RESOLVED", record.GetProperty("status").GetString());
        Assert.True(record.TryGetProperty("resolvedTime", out _));
        Assert.Contains("Callout Incident Status Changed", await w.EventTypesAsync(arn));
        var sentAtResolve = (await w.Paging.SentAsync()).Count;
        await w.Paging.AdvanceAsync(30 * 60);
        Assert.Equal(sentAtResolve, (await w.Paging.SentAsync()).Count);

        // A resolved incident never absorbs: the same key opens a new one.
        var next = await w.StartOkAsync(plan);
        Assert.NotEqual(arn, next);
        Assert.Equal(204, (await w.UpdateAsync(next, "\"status\":\"RESOLVED\"")).Status);
        await w.Paging.RunDueAsync();
        var sentBeforeReopen = (await w.Paging.SentAsync()).Count;

        var reopen = await w.UpdateAsync(arn, "\"status\":\"OPEN\",\"title\":\"Queue again\"");
        await w.Paging.AdvanceAsync(30 * 60);

        Assert.Equal(204, reopen.Status);
        Assert.Equal("OPEN", (await w.RecordAsync(arn)).GetProperty("status").GetString());
        Assert.Equal("Queue again", (await w.RecordAsync(arn)).GetProperty("title").GetString());
        Assert.False((await w.RecordAsync(arn)).TryGetProperty("resolvedTime", out _));
        Assert.Single(await w.EngagementsAsync(arn));
        Assert.Equal(sentBeforeReopen, (await w.Paging.SentAsync()).Count);
        Assert.Equal(2, (await w.EventTypesAsync(arn)).Count(t => t == "Callout Incident Status Changed"));

        // With this one open again, the other cannot be reopened on the same key.
        var conflict = await w.UpdateAsync(next, "\"status\":\"OPEN\"");
        Assert.Equal((409, "ConflictException"), (conflict.Status, conflict.ErrorType));
        Assert.Equal(arn, await w.StartOkAsync(plan));
    }

    [Fact]
    public async Task acknowledging_a_page_of_an_incident_engagement_goes_on_its_timeline()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var plan = await w.PlanAsync("disk", null, akuam.Arn);
        var arn = await w.StartOkAsync(plan);
        await w.Paging.RunDueAsync();
        var engagement = Assert.Single(await w.EngagementsAsync(arn)).GetProperty("EngagementArn").GetString()!;
        var page = await w.Paging.PageOfAsync(engagement, akuam["EMAIL"]);

        await w.Paging.Client.OkAsync("AcceptPage", $$$"""{"PageId":"{{{page}}}","AcceptType":"READ","AcceptCode":"123456"}""");

        var ack = (await w.EventsAsync(arn)).Single(e => e.GetProperty("eventType").GetString() == "Callout Page Acknowledged");
        Assert.Equal(page, ack.GetProperty("eventReferences")[0].GetProperty("resource").GetString());
        var data = await EventDataAsync(w, arn, ack.GetProperty("eventId").GetString()!);
        Assert.Equal(akuam.Arn, data.GetProperty("contactArn").GetString());
        Assert.Equal(engagement, data.GetProperty("engagementArn").GetString());
    }

    [Fact]
    public async Task a_contact_deleted_since_the_plan_was_made_is_noted_and_the_others_are_engaged()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var gone = await w.Paging.PersonWithPlanAsync("gone");
        var plan = await w.PlanAsync("partial", null, akuam.Arn, gone.Arn);
        await w.Paging.Client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{gone.Arn}}}"}""");

        var arn = await w.StartOkAsync(plan);

        Assert.Equal([akuam.Arn], (await w.EngagementsAsync(arn)).Select(e => e.GetProperty("ContactArn").GetString()));
        Assert.Contains("Callout Engagement Not Started", await w.EventTypesAsync(arn));
    }

    [Fact]
    public async Task the_same_client_token_returns_the_first_incident_and_pages_once()
    {
        var w = IncidentWorld.New(fixture);
        var akuam = await w.Paging.PersonWithPlanAsync("akuam");
        var plan = await w.PlanAsync("token", null, akuam.Arn);
        var token = Guid.NewGuid().ToString();

        var first = await w.StartOkAsync(plan, $",\"clientToken\":\"{token}\"");
        var second = await w.StartOkAsync(plan, $",\"clientToken\":\"{token}\"");
        var different = await w.StartAsync(plan, $",\"clientToken\":\"{token}\",\"title\":\"other\"");

        Assert.Equal(first, second);
        Assert.Single(await w.EngagementsAsync(first));
        Assert.Equal((409, "ConflictException"), (different.Status, different.ErrorType));
    }

    static async Task<JsonElement> EventDataAsync(IncidentWorld w, string arn, string eventId)
    {
        var response = await w.Incidents.GetAsync($"/getTimelineEvent?incidentRecordArn={IncidentWorld.Q(arn)}&eventId={eventId}");
        Assert.True(response.Status == 200, response.Text);
        return JsonDocument.Parse(response.Json.GetProperty("event").GetProperty("eventData").GetString()!).RootElement;
    }
}
