using System.Net;
using System.Text.Json;
using Callout.EndToEnd.Alerts;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Incidents;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// The admin pages: delivery providers and a test send, the message log, the audit log with the
/// console's own calls, and the keys handed out.
public sealed class AdminPagesTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    IncidentsClient Incidents => new(fixture.Server.Endpoint, fixture.Account);

    /// Callout's own calls, which carry their `Callout.` target as is.
    async Task<JsonElement> CalloutAsync(string operation, string json)
    {
        var answer = await fixture.Api.SendAsync("Callout." + operation, System.Text.Encoding.UTF8.GetBytes(json));
        Assert.True(answer.Status == 200, $"Callout.{operation} failed with {answer.Status}: {answer.Text}");
        return answer.Json;
    }

    [Fact]
    public async Task The_admin_page_names_each_channel_types_provider_and_a_test_send_goes_through_it_audited()
    {
        var page = await fixture.OpenAsync("/console/admin");
        // The fixture's server has no provider configured: every type goes to the local outbox.
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "EMAIL" })).ToContainTextAsync("outbox");
        await page.GetByLabel("Channel type").SelectOptionAsync("EMAIL");
        await page.GetByLabel("Address").FillAsync("test-send@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent to test-send@example.com");
        // The health column now shows the outbox's success.
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "EMAIL" })).ToContainTextAsync("ok");
        await ConsoleBrowser.ScreenshotAsync(page, "admin");

        var sent = (await Outbox.MessagesAsync(fixture.Server.Endpoint, fixture.Account))
            .Single(m => m.GetProperty("Address").GetString() == "test-send@example.com");
        Assert.Equal("Callout test message", sent.GetProperty("Subject").GetString());
        var audit = await CalloutAsync("ListAuditEvents", """{"Operation":"Console.TestSend"}""");
        var record = Assert.Single(audit.GetProperty("AuditEvents").EnumerateArray());
        Assert.Equal("console:local", record.GetProperty("Caller").GetString());
        Assert.Equal("Success", record.GetProperty("Outcome").GetString());

        // An address that is none is refused with the API's words, and nothing is sent.
        await page.GetByLabel("Channel type").SelectOptionAsync("SMS");
        await page.GetByLabel("Address").FillAsync("<script>alert(1)</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("E.164");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_message_log_shows_a_page_an_alert_sent_and_filters_by_contact_and_channel_type()
    {
        await ResponsePlanPagesTests.ReplicationSetAsync(Incidents);
        var paging = new Paging(fixture.Api, fixture.Server.Endpoint);
        var person = await paging.PersonWithPlanAsync("log-oncall");
        var plan = await Incidents.PostAsync("/createResponsePlan", JsonSerializer.Serialize(new
        {
            name = "log-web",
            incidentTemplate = new { title = "Log", impact = 2 },
            engagements = new[] { person.Arn },
        }));
        Assert.True(plan.Status == 201, plan.Text);
        var source = await CalloutAsync("CreateAlertSource", JsonSerializer.Serialize(new
        {
            Name = "generic", Format = "GENERIC", ResponsePlanArn = plan.Json.GetProperty("arn").GetString(),
        }));
        var alert = await AlertWorld.PostAsync(AlertWorld.UrlOf(source), """{"dedupKey":"disk","title":"Disk full on db-1"}""");
        Assert.True(alert.Status is >= 200 and < 300, alert.Text);
        var email = person.Channels.Single(c => c.Type == "EMAIL").Address;

        var page = await fixture.OpenAsync("/console/admin/messages?contact=log-oncall&channelType=EMAIL");
        // The engine pages the first stage's email at once; the log shows it when it was sent.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Disk full on db-1" });
        for (var tries = 0; await row.CountAsync() == 0 && tries < 50; tries++)
        {
            await page.WaitForTimeoutAsync(200);
            await page.ReloadAsync();
        }
        await Assertions.Expect(row.First).ToContainTextAsync("page");
        await Assertions.Expect(row.First).ToContainTextAsync(email);
        await ConsoleBrowser.ScreenshotAsync(page, "admin-messages");

        // Another channel type, or another contact, filters it out.
        await page.GotoAsync("/console/admin/messages?contact=log-oncall&channelType=SMS");
        Assert.Equal(0, await page.GetByRole(AriaRole.Cell, new() { Name = email }).CountAsync());
        await page.GotoAsync("/console/admin/messages?contact=someone-else");
        await Assertions.Expect(page.GetByText("No messages.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_audit_log_shows_the_consoles_own_changes_with_the_console_caller()
    {
        var created = await Incidents.PostAsync("/createResponsePlan", """{"name":"audited-web","incidentTemplate":{"title":"Audited","impact":3}}""");
        Assert.True(created.Status == 201, created.Text);
        var page = await fixture.OpenAsync("/console/response-plans/audited-web");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Audited from the console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        await page.GotoAsync("/console/admin/audit");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "UpdateResponsePlan" });
        await Assertions.Expect(row.First).ToContainTextAsync("console:local");
        await Assertions.Expect(row.First).ToContainTextAsync("response-plan/audited-web");
        await ConsoleBrowser.ScreenshotAsync(page, "admin-audit");

        // The filters narrow it: the API's own call was CreateResponsePlan by another caller.
        await page.GetByLabel("Operation").FillAsync("CreateResponsePlan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "audited-web" }).First).ToContainTextAsync("CreateResponsePlan");
        Assert.Equal(0, await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "UpdateResponsePlan" }).CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_keys_page_lists_feeds_and_integrations_without_secrets_and_revokes_them()
    {
        var contact = (await fixture.Api.OkAsync("CreateContact", """{"Alias":"keys-person","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var feed = await CalloutAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = contact }));
        var feedId = feed.GetProperty("FeedId").GetString()!;
        var feedUrl = feed.GetProperty("FeedUrl").GetString()!;
        var plan = await Incidents.PostAsync("/createResponsePlan", """{"name":"keys-web","incidentTemplate":{"title":"Keys","impact":3}}""");
        var source = await CalloutAsync("CreateAlertSource", JsonSerializer.Serialize(new
        {
            Name = "keys-grafana", Format = "GRAFANA", ResponsePlanArn = plan.Json.GetProperty("arn").GetString(),
        }));

        var page = await fixture.OpenAsync("/console/admin/keys");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "keys-grafana", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = feedId, Exact = true })).ToBeVisibleAsync();
        var html = await page.ContentAsync();
        Assert.DoesNotContain(AlertWorld.KeyOf(source), html, StringComparison.Ordinal);
        Assert.DoesNotContain(feedUrl, html, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke feed " + feedId }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = feedId, Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke keys-grafana" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "keys-grafana", Exact = true })).ToHaveCountAsync(0);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(feedUrl)).StatusCode);
        var listed = await CalloutAsync("ListAlertSources", "{}");
        Assert.DoesNotContain(listed.GetProperty("AlertSources").EnumerateArray(), s => s.GetProperty("Name").GetString() == "keys-grafana");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/console/admin/audit?after=not-a-token")]
    [InlineData("/console/admin/audit?operation=%3Cscript%3E&resource=%00")]
    [InlineData("/console/admin/messages?page=-5&contact=%3Cscript%3E&channelType=%22")]
    [InlineData("/console/admin/messages?page=99999999999")]
    public async Task Hostile_admin_queries_answer_a_page_not_a_500(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
