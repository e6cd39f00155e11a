using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Incidents;

/// Response plans, their resource policies and ssm-incidents tags over the rest-json framing
/// (docs/spec/incidents.md §1, §3), with the hostile input a caller may send.
public sealed class ResponsePlanTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    IncidentsClient NewClient(string region = "us-east-1") => IncidentsClient.ForNewAccount(fixture.Server.Endpoint, region);

    static string Q(string arn) => Uri.EscapeDataString(arn);

    static async Task<string> CreatePlanAsync(IncidentsClient client, string name, string extra = "")
    {
        var response = await client.PostAsync("/createResponsePlan",
            $$"""{"name":"{{name}}","incidentTemplate":{"title":"Database down","impact":2}{{extra}}}""");
        Assert.True(response.Status == 201, response.Text);
        return response.Json.GetProperty("arn").GetString()!;
    }

    static void AssertValidation(IncidentsResponse response, string? messagePart = null)
    {
        Assert.True(response.Status == 400, response.Text);
        Assert.Equal("ValidationException", response.ErrorType);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, response.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_plan_engages_only_existing_contacts_of_the_callers_account_and_region()
    {
        var client = NewClient();
        var contacts = new ApiClient(fixture.Server.Endpoint, client.Account);
        var dba = (await contacts.OkAsync("CreateContact", """{"Alias":"dba","Type":"PERSONAL","Plan":{"Stages":[]}}""")).GetProperty("ContactArn").GetString()!;
        var elsewhere = new ApiClient(fixture.Server.Endpoint, client.Account, "eu-west-1");
        var remote = (await elsewhere.OkAsync("CreateContact", """{"Alias":"dba","Type":"PERSONAL","Plan":{"Stages":[]}}""")).GetProperty("ContactArn").GetString()!;
        var foreign = $"arn:aws:ssm-contacts:us-east-1:123456789012:contact/dba";
        var absent = contacts.Arn("contact/nobody");

        var arn = await CreatePlanAsync(client, "good", $$""","engagements":["{{dba}}"]""");
        foreach (var bad in new[] { remote, foreign, absent })
        {
            AssertValidation(await client.PostAsync("/createResponsePlan",
                $$"""{"name":"bad","incidentTemplate":{"title":"t","impact":2},"engagements":["{{dba}}","{{bad}}"]}"""), bad);
        }

        Assert.Equal(dba, (await client.GetAsync("/getResponsePlan?arn=" + Q(arn))).Json.GetProperty("engagements")[0].GetString());
        AssertValidation(await client.PostAsync("/updateResponsePlan", $$"""{"arn":"{{arn}}","engagements":["{{absent}}"]}"""), absent);
        Assert.Equal(404, (await client.GetAsync("/getResponsePlan?arn=" + Q(IncidentsArn(client, "bad")))).Status);
    }

    static string IncidentsArn(IncidentsClient client, string plan) => $"arn:aws:ssm-incidents::{client.Account}:response-plan/{plan}";

    [Fact]
    public async Task another_account_neither_sees_nor_changes_a_plan_and_its_delete_is_silent()
    {
        var owner = NewClient();
        var arn = await CreatePlanAsync(owner, "mine");
        var stranger = NewClient();

        var get = await stranger.GetAsync("/getResponsePlan?arn=" + Q(arn));
        var update = await stranger.PostAsync("/updateResponsePlan", $$"""{"arn":"{{arn}}","incidentTemplateImpact":1}""");
        var delete = await stranger.PostAsync("/deleteResponsePlan", $$"""{"arn":"{{arn}}"}""");
        var tag = await stranger.SendAsync("POST", "/tags/" + Q(arn), """{"tags":{"a":"b"}}""");
        var policy = await stranger.PostAsync("/putResourcePolicy", $$"""{"resourceArn":"{{arn}}","policy":"{}"}""");
        var list = await stranger.PostAsync("/listResponsePlans", "{}");

        Assert.Equal((404, "ResourceNotFoundException"), (get.Status, get.ErrorType));
        Assert.Equal("RESPONSE_PLAN", get.Json.GetProperty("resourceType").GetString());
        Assert.Equal(404, update.Status);
        Assert.Equal(204, delete.Status);
        Assert.Equal((404, "ResourceNotFoundException"), (tag.Status, tag.ErrorType));
        Assert.Equal(404, policy.Status);
        Assert.Empty(list.Json.GetProperty("responsePlanSummaries").EnumerateArray());
        Assert.Equal(2, (await owner.GetAsync("/getResponsePlan?arn=" + Q(arn))).Json.GetProperty("incidentTemplate").GetProperty("impact").GetInt32());
    }

    [Fact]
    public async Task hostile_names_arns_and_policies_are_aws_shaped_validation_errors()
    {
        var client = NewClient();
        var arn = await CreatePlanAsync(client, "target");

        AssertValidation(await client.PostAsync("/createResponsePlan", $$$"""{"name":"{{{new string('p', 201)}}}","incidentTemplate":{"title":"t","impact":2}}"""));
        AssertValidation(await client.PostAsync("/createResponsePlan", """{"name":"has space","incidentTemplate":{"title":"t","impact":2}}"""));
        AssertValidation(await client.PostAsync("/createResponsePlan", """{"name":"p","incidentTemplate":{"title":"t","impact":9}}"""));
        AssertValidation(await client.PostAsync("/createResponsePlan", """{"name":"p","incidentTemplate":{"title":"t","impact":"high"}}"""));
        AssertValidation(await client.PostAsync("/createResponsePlan", """{"name":"p","incidentTemplate":{"title":"t","impact":2},"engagements":["not-an-arn"]}"""));
        AssertValidation(await client.GetAsync("/getResponsePlan?arn=" + Q("arn:aws:ssm-incidents::" + new string('1', 1000))));
        AssertValidation(await client.GetAsync("/getResponsePlan?arn=not-an-arn"));
        AssertValidation(await client.PostAsync("/putResourcePolicy", $$"""{"resourceArn":"{{arn}}","policy":"{\"Statement\": ["}"""), "not valid JSON");
        AssertValidation(await client.PostAsync("/putResourcePolicy", $$"""{"resourceArn":"{{arn}}","policy":"[1,2]"}"""), "JSON object");
        AssertValidation(await client.PostAsync("/putResourcePolicy", $$"""{"resourceArn":"{{arn}}","policy":"{{new string('x', 4001)}}"}"""));
        AssertValidation(await client.SendAsync("GET", "/tags/not-an-arn"), "not an SSM Incidents ARN");
        AssertValidation(await client.SendAsync("GET", "/tags/" + Q("arn:aws:ssm-contacts:us-east-1:123456789012:contact/x")));
        AssertValidation(await client.SendAsync("POST", "/tags/" + Q(arn), """{"tags":{"aws:reserved":"x"}}"""));
        AssertValidation(await client.SendAsync("POST", "/tags/" + Q(arn), $$$"""{"tags":{"k":"{{{new string('v', 257)}}}"}}"""));
        AssertValidation(await client.SendAsync("DELETE", "/tags/" + Q(arn)));
        var huge = await client.SendAsync("GET", "/tags/" + Q("arn:aws:ssm-incidents::" + new string('9', 4000)));
        Assert.True(huge.Status is 400 or 404 or 414, huge.Text);
    }

    [Fact]
    public async Task a_resource_can_hold_fifty_tags_and_the_fifty_first_is_a_quota_error()
    {
        var client = NewClient();
        var arn = await CreatePlanAsync(client, "tagged");
        var fifty = string.Join(',', Enumerable.Range(0, 50).Select(i => $"\"k{i}\":\"v\""));

        var full = await client.SendAsync("POST", "/tags/" + Q(arn), "{\"tags\":{" + fifty + "}}");
        var over = await client.SendAsync("POST", "/tags/" + Q(arn), """{"tags":{"one-more":"v"}}""");

        Assert.Equal(204, full.Status);
        Assert.Equal((402, "ServiceQuotaExceededException"), (over.Status, over.ErrorType));
        Assert.Equal("ssm-incidents", over.Json.GetProperty("serviceCode").GetString());
        Assert.Equal(50, (await client.SendAsync("GET", "/tags/" + Q(arn))).Json.GetProperty("tags").EnumerateObject().Count());
    }

    [Fact]
    public async Task the_replication_set_and_plans_share_their_tags_across_regions_and_lose_them_with_the_resource()
    {
        var client = NewClient();
        var set = await client.CreateReplicationSetAsync();
        var plan = await CreatePlanAsync(client, "shared", ""","tags":{"from":"create"}""");
        var other = client.InRegion("ap-southeast-2");

        Assert.Equal(204, (await other.SendAsync("POST", "/tags/" + Q(set), """{"tags":{"team":"sre"}}""")).Status);
        Assert.Equal(204, (await other.SendAsync("DELETE", "/tags/" + Q(plan) + "?tagKeys=from&tagKeys=absent")).Status);
        Assert.Equal(204, (await other.SendAsync("POST", "/tags/" + Q(plan), """{"tags":{"tier":"1"}}""")).Status);

        Assert.Equal("sre", (await client.SendAsync("GET", "/tags/" + Q(set))).Json.GetProperty("tags").GetProperty("team").GetString());
        var planTags = (await client.SendAsync("GET", "/tags/" + Q(plan))).Json.GetProperty("tags");
        Assert.Equal(["tier"], planTags.EnumerateObject().Select(p => p.Name));

        Assert.Equal(204, (await client.PostAsync("/deleteResponsePlan", $$"""{"arn":"{{plan}}"}""")).Status);
        Assert.Equal(404, (await client.SendAsync("GET", "/tags/" + Q(plan))).Status);
        await CreatePlanAsync(client, "shared");
        Assert.Empty((await client.SendAsync("GET", "/tags/" + Q(plan))).Json.GetProperty("tags").EnumerateObject());
    }

    [Fact]
    public async Task list_response_plans_pages_by_name_and_refuses_a_tampered_token()
    {
        var client = NewClient();
        string[] names = ["c-plan", "a-plan", "b-plan"];
        foreach (var name in names)
        {
            await CreatePlanAsync(client, name);
        }

        var first = await client.PostAsync("/listResponsePlans", """{"maxResults":2}""");
        var token = first.Json.GetProperty("nextToken").GetString()!;
        var second = await client.PostAsync("/listResponsePlans", $$"""{"maxResults":2,"nextToken":"{{token}}"}""");
        var tampered = await client.PostAsync("/listResponsePlans", $$"""{"nextToken":"{{token[..^2]}}AA"}""");
        var foreign = await NewClient().PostAsync("/listResponsePlans", $$"""{"maxResults":2,"nextToken":"{{token}}"}""");

        static IEnumerable<string> Names(IncidentsResponse r) =>
            r.Json.GetProperty("responsePlanSummaries").EnumerateArray().Select(s => s.GetProperty("name").GetString()!);
        Assert.Equal(["a-plan", "b-plan", "c-plan"], Names(first).Concat(Names(second)));
        Assert.False(second.Json.TryGetProperty("nextToken", out _));
        AssertValidation(tampered, "NextToken");
        Assert.True(foreign.Status == 400 || !Names(foreign).Any(), foreign.Text);
    }

    [Fact]
    public async Task update_changes_only_what_it_names_and_a_replayed_create_returns_the_first_arn()
    {
        var client = NewClient();
        var body = """{"name":"tok","clientToken":"t-1","displayName":"Before","incidentTemplate":{"title":"t","impact":3,"summary":"s","dedupeString":"d","incidentTags":{"a":"1"},"notificationTargets":[{"snsTopicArn":"arn:aws:sns:us-east-1:111122223333:t"}]},"integrations":[{"pagerDutyConfiguration":{"name":"pd","secretId":"s","pagerDutyIncidentConfiguration":{"serviceId":"P1"}}}]}""";
        var first = await client.PostAsync("/createResponsePlan", body);
        var replay = await client.PostAsync("/createResponsePlan", body);
        var arn = first.Json.GetProperty("arn").GetString()!;

        Assert.Equal(201, first.Status);
        Assert.Equal(arn, replay.Json.GetProperty("arn").GetString());
        Assert.Equal(409, (await client.PostAsync("/createResponsePlan", body.Replace("\"Before\"", "\"Other\"", StringComparison.Ordinal))).Status);

        var update = await client.PostAsync("/updateResponsePlan",
            $$"""{"arn":"{{arn}}","incidentTemplateSummary":"","incidentTemplateNotificationTargets":[],"integrations":[],"incidentTemplateTitle":"new"}""");
        Assert.Equal(204, update.Status);
        Assert.Empty(update.Body);
        var plan = (await client.GetAsync("/getResponsePlan?arn=" + Q(arn))).Json;
        var template = plan.GetProperty("incidentTemplate");
        Assert.Equal("new", template.GetProperty("title").GetString());
        Assert.Equal("d", template.GetProperty("dedupeString").GetString());
        Assert.Equal("1", template.GetProperty("incidentTags").GetProperty("a").GetString());
        Assert.False(template.TryGetProperty("summary", out _));
        Assert.False(template.TryGetProperty("notificationTargets", out _));
        Assert.False(plan.TryGetProperty("integrations", out _));
        Assert.Equal("Before", plan.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Undefined, plan.TryGetProperty("chatChannel", out var chat) ? chat.ValueKind : JsonValueKind.Undefined);
    }
}
