using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Incidents;

namespace Callout.EndToEnd.Validation;

/// docs/decisions.md, "NUL in strings": a string holding U+0000 is refused with a
/// ValidationException on both APIs, on every store; on PostgreSQL it used to pass validation and
/// fail as a 500 when stored (CALLOUT_E2E_STORE=postgres shows it).
public sealed class NulCharacterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task an_engagement_subject_holding_nul_is_refused_and_nothing_is_started()
    {
        var client = fixture.NewClient();
        var person = await client.OkAsync("CreateContact", """{"Alias":"nul-target","Type":"PERSONAL","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[]}]}}""");
        var escalation = await client.OkAsync("CreateContact", $$$"""
            {"Alias":"nul-escalation","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{person.GetProperty("ContactArn").GetString()}}}","IsEssential":true}}]}]}}
            """);

        var response = await client.CallAsync("StartEngagement", $$"""
            {"ContactId":"{{escalation.GetProperty("ContactArn").GetString()}}","Sender":"s","Subject":"disk\u0000full","Content":"c"}
            """);

        var fields = ValidationAssert.Fails(response);
        Assert.Contains(fields, f => f.Name == "subject" && f.Message.Contains("U+0000", StringComparison.Ordinal));
        Assert.Empty((await client.OkAsync("ListEngagements", "{}")).GetProperty("Engagements").EnumerateArray());
    }

    [Fact]
    public async Task an_incident_title_holding_nul_is_refused()
    {
        var contacts = fixture.NewClient();
        var client = new IncidentsClient(fixture.Server.Endpoint, contacts.Account);
        await client.CreateReplicationSetAsync();
        var plan = await client.PostAsync("/createResponsePlan", """{"name":"nul","incidentTemplate":{"title":"t","impact":3}}""");
        Assert.True(plan.Status == 201, plan.Text);

        var response = await client.PostAsync("/startIncident", $$"""
            {"responsePlanArn":"{{plan.Json.GetProperty("arn").GetString()}}","title":"disk\u0000full"}
            """);

        Assert.Equal((400, "ValidationException"), (response.Status, response.ErrorType));
        Assert.Contains("U+0000", response.Message, StringComparison.Ordinal);
        Assert.Empty((await client.PostAsync("/listIncidentRecords", "{}")).Json.GetProperty("incidentRecordSummaries").EnumerateArray());
    }
}
