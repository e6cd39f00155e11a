using System.Text.Json;
using System.Text.RegularExpressions;
using Callout.EndToEnd.Alerts;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Incidents;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// Response plans in the console: edited through the same operation the API serves, and their
/// integrations made with the key shown once and a snippet that works, then revoked.
public sealed class ResponsePlanPagesTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    IncidentsClient Incidents => new(fixture.Server.Endpoint, fixture.Account);

    Paging Paging => new(fixture.Api, fixture.Server.Endpoint);

    async Task<string> PlanAsync(string name, string title, params string[] engagements)
    {
        var answer = await Incidents.PostAsync("/createResponsePlan", JsonSerializer.Serialize(new
        {
            name,
            displayName = title,
            incidentTemplate = new { title, impact = 3 },
            engagements,
        }));
        Assert.True(answer.Status == 201, answer.Text);
        return answer.Json.GetProperty("arn").GetString()!;
    }

    /// Incidents start only once the account has a replication set; tests of one fixture share it.
    internal static async Task ReplicationSetAsync(IncidentsClient incidents)
    {
        await Gate.WaitAsync();
        try
        {
            if ((await incidents.PostAsync("/listReplicationSets", "{}")).Json.GetProperty("replicationSetArns").GetArrayLength() == 0)
            {
                await incidents.CreateReplicationSetAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    static readonly SemaphoreSlim Gate = new(1, 1);

    async Task<JsonElement> GetPlanAsync(string arn)
    {
        var answer = await Incidents.GetAsync("/getResponsePlan?arn=" + Uri.EscapeDataString(arn));
        Assert.True(answer.Status == 200, answer.Text);
        return answer.Json;
    }

    [Fact]
    public async Task Editing_a_response_plan_in_the_browser_changes_what_GetResponsePlan_answers()
    {
        var contact = (await fixture.Api.OkAsync("CreateContact", """{"Alias":"edit-oncall","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var arn = await PlanAsync("edit-web", "Web is down");

        var page = await fixture.OpenAsync("/console/response-plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "edit-web" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Web is down", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Checkout is failing");
        await page.GetByLabel("Impact").SelectOptionAsync("1");
        await page.GetByLabel("Summary").FillAsync("Look at the checkout dashboard");
        await page.GetByLabel("Dedupe string").FillAsync("checkout");
        await page.GetByLabel("Add contacts (aliases)").FillAsync("edit-oncall");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "edit-oncall" })).ToBeCheckedAsync();

        var plan = await GetPlanAsync(arn);
        var template = plan.GetProperty("incidentTemplate");
        Assert.Equal("Checkout is failing", template.GetProperty("title").GetString());
        Assert.Equal(1, template.GetProperty("impact").GetInt32());
        Assert.Equal("Look at the checkout dashboard", template.GetProperty("summary").GetString());
        Assert.Equal("checkout", template.GetProperty("dedupeString").GetString());
        Assert.Equal([contact], plan.GetProperty("engagements").EnumerateArray().Select(e => e.GetString()));
        await ConsoleBrowser.ScreenshotAsync(page, "response-plan-detail");

        await page.GotoAsync("/console/response-plans");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "edit-web" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "response-plans");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_engagement_is_removed_by_unchecking_it_and_an_unknown_alias_is_refused_in_the_apis_words()
    {
        var contact = (await fixture.Api.OkAsync("CreateContact", """{"Alias":"uncheck-oncall","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var arn = await PlanAsync("uncheck-web", "Uncheck", contact);
        var page = await fixture.OpenAsync("/console/response-plans/uncheck-web");
        await page.GetByLabel("Add contacts (aliases)").FillAsync("nobody-by-this-alias");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("names no existing contact");
        Assert.Equal([contact], (await GetPlanAsync(arn)).GetProperty("engagements").EnumerateArray().Select(e => e.GetString()));

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "uncheck-oncall" }).UncheckAsync();
        await page.GetByLabel("Add contacts (aliases)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        Assert.False((await GetPlanAsync(arn)).TryGetProperty("engagements", out var left) && left.GetArrayLength() > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_response_plan_created_in_the_console_exists_for_the_api_and_a_refusal_shows_the_apis_words()
    {
        var page = await fixture.OpenAsync("/console/response-plans");
        await page.GetByText("New response plan").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("made-in-console");
        await page.GetByLabel("Incident title").FillAsync("Made in the console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "made-in-console", Level = 1 })).ToBeVisibleAsync();
        var plan = await GetPlanAsync($"arn:aws:ssm-incidents::{fixture.Account}:response-plan/made-in-console");
        Assert.Equal("Made in the console", plan.GetProperty("incidentTemplate").GetProperty("title").GetString());

        // The same name again: the API's ConflictException, shown on the page.
        await page.GotoAsync("/console/response-plans");
        await page.GetByText("New response plan").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("made-in-console");
        await page.GetByLabel("Incident title").FillAsync("Again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ConflictException");

        // Deleting it in the console deletes it for the API.
        await page.GotoAsync("/console/response-plans/made-in-console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete response plan" }).ClickAsync();
        await page.WaitForURLAsync("**/console/response-plans");
        var gone = await Incidents.GetAsync("/getResponsePlan?arn=" + Uri.EscapeDataString($"arn:aws:ssm-incidents::{fixture.Account}:response-plan/made-in-console"));
        Assert.Equal(404, gone.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_integrations_key_is_shown_once_its_alertmanager_snippet_starts_an_incident_and_after_revoking_it_is_refused()
    {
        await ReplicationSetAsync(Incidents);
        var person = await Paging.PersonWithPlanAsync("intake-oncall");
        await PlanAsync("intake-web", "Intake", person.Arn);

        var page = await fixture.OpenAsync("/console/response-plans/intake-web");
        await page.GetByText("New integration").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("prometheus");
        await page.GetByLabel("Format").SelectOptionAsync("ALERTMANAGER");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create integration" }).ClickAsync();
        await Assertions.Expect(page.Locator("#created-key")).ToBeVisibleAsync();
        var key = await page.Locator("#created-key").TextContentAsync();
        var snippet = await page.Locator("pre[data-snippet^='Alertmanager']").TextContentAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "integration-created");

        // The snippet, as Alertmanager would read it: the URL and the bearer credentials.
        var url = JsonSerializer.Deserialize<string>(SnippetValue("url").Match(snippet!).Groups[1].Value)!;
        var credentials = JsonSerializer.Deserialize<string>(SnippetValue("credentials").Match(snippet!).Groups[1].Value)!;
        Assert.Equal(key, credentials);
        var accepted = await AlertWorld.PostAsync(new Uri(url), AlertBodies.Alertmanager(), bearer: credentials);
        Assert.True(accepted.Status is >= 200 and < 300, accepted.Text);
        var incidents = await Incidents.PostAsync("/listIncidentRecords", "{}");
        Assert.Contains(incidents.Json.GetProperty("incidentRecordSummaries").EnumerateArray(),
            i => i.GetProperty("incidentRecordSource").GetProperty("source").GetString() == "callout.alertmanager");

        // Shown once: opening the page again shows the integration, never its key.
        await page.GotoAsync("/console/response-plans/intake-web");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "prometheus", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#created-key").CountAsync());
        Assert.DoesNotContain(key!, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke prometheus" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No integrations.")).ToBeVisibleAsync();
        // A revoked key is answered as an unknown one (docs/management.md, DeleteAlertSource).
        var refused = await AlertWorld.PostAsync(new Uri(url), AlertBodies.Alertmanager(groupKey: "after-revoke"), bearer: credentials);
        Assert.Equal(404, refused.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_plan_title_holding_a_script_shows_as_text_and_runs_nothing()
    {
        const string hostile = "<script>alert(1)</script>\"'";
        await PlanAsync("hostile-web", hostile);
        var page = await fixture.OpenAsync("/console/response-plans");
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = hostile })).ToBeVisibleAsync();
        await page.GotoAsync("/console/response-plans/hostile-web");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = hostile, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(hostile);
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/console/response-plans/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/console/response-plans/no-such-plan")]
    [InlineData("/console/response-plans/..%2F..%2Fadmin")]
    [InlineData("/console/response-plans/%E2%80%AEevil")]
    [InlineData("/console/response-plans/a%22b'c")]
    public async Task A_hostile_or_unknown_plan_name_is_404_not_500(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_plan_name_longer_than_any_arn_is_404_not_500()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync("/console/response-plans/" + new string('a', 3000));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    static Regex SnippetValue(string name) => new($"""(?m)^\s*-?\s*{name}: ("[^"\n]*")""");
}
