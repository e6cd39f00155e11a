using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// Incidents in the console: an alert's incident appears on pages already open, a responder
/// acknowledges its page, resolves, reopens and writes a note, each through the API's operation
/// and audited; hostile text stays text and hostile addresses are 404s.
public sealed class ConsoleIncidentTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 20_000 };

    [Fact]
    public async Task An_alert_appears_live_and_is_acknowledged_resolved_reopened_and_noted_from_the_incident_page()
    {
        var world = new ConsoleWorld(fixture);
        var (person, _, source) = await world.AlertingAsync("console-ana", "checkout");
        var page = await fixture.OpenAsync("/console/incidents");
        var dialogs = new List<string>();
        page.Dialog += (_, d) => dialogs.Add(d.Message);
        // A mark that a reload or navigation would wipe: what follows arrives without either.
        await page.EvaluateAsync("() => window.calloutMark = 'unchanged'");

        var incident = await ConsoleWorld.FireAsync(source, "checkout-5xx", "Checkout errors above 5%");

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Checkout errors above 5%" });
        await Assertions.Expect(link).ToBeVisibleAsync(Live);
        Assert.Equal("unchanged", await page.EvaluateAsync<string>("() => window.calloutMark"));
        await ConsoleBrowser.ScreenshotAsync(page, "incidents");

        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checkout errors above 5%" })).ToBeVisibleAsync();
        // The engine's first page and its SENT receipt, shown as they happen.
        await Assertions.Expect(page.Locator(".receipt-type", new() { HasText = "SENT" }).First).ToBeVisibleAsync(Live);
        await page.EvaluateAsync("() => window.calloutMark = 'detail'");
        var written = await world.Incidents.Incidents.PostAsync("/createTimelineEvent", JsonSerializer.Serialize(new
        {
            incidentRecordArn = incident,
            eventTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            eventType = "Custom Event",
            eventData = "Deploy 4711 rolled out to 10%",
        }));
        Assert.True(written.Status == 201, written.Text);
        await Assertions.Expect(page.Locator("ol.timeline").GetByText("Deploy 4711 rolled out to 10%")).ToBeVisibleAsync(Live);
        Assert.Equal("detail", await page.EvaluateAsync<string>("() => window.calloutMark"));

        // The acknowledgement path on a phone.
        await page.SetViewportSizeAsync(390, 844);
        await ConsoleBrowser.ScreenshotAsync(page, "incident-detail-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".status.acknowledged").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".receipt-info", new() { HasText = "Acknowledged in the console by local" }).First).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1280, 860);

        var engagement = Assert.Single(await world.Incidents.EngagementsAsync(incident)).GetProperty("EngagementArn").GetString()!;
        var read = new List<(string Page, JsonElement Receipt)>();
        foreach (var sent in await world.Paging.PagesAsync(engagement))
        {
            var arn = sent.GetProperty("PageArn").GetString()!;
            read.AddRange((await world.Paging.ReceiptsAsync(arn)).Where(r => r.GetProperty("ReceiptType").GetString() == "READ").Select(r => (arn, r)));
        }
        var (pageArn, receipt) = Assert.Single(read);
        Assert.Equal("Acknowledged in the console by local", receipt.GetProperty("ReceiptInfo").GetString());
        Assert.Contains($"Success {pageArn} console:local", await world.AuditAsync("AcceptPage"));
        Assert.Contains("Callout Page Acknowledged", await world.Incidents.EventTypesAsync(incident));
        Assert.Contains(person.Arn, (await world.Paging.DescribePageAsync(pageArn)).GetProperty("ContactArn").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(page.Locator("#incident-status")).ToHaveTextAsync("RESOLVED");
        Assert.Equal("RESOLVED", (await world.Incidents.RecordAsync(incident)).GetProperty("status").GetString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#incident-status")).ToHaveTextAsync("OPEN");
        Assert.Equal("OPEN", (await world.Incidents.RecordAsync(incident)).GetProperty("status").GetString());
        Assert.Equal(2, (await world.AuditAsync("UpdateIncidentRecord")).Count(r => r.StartsWith("Success", StringComparison.Ordinal) && r.EndsWith("console:local", StringComparison.Ordinal)));

        await page.GetByLabel("Note").FillAsync("Rolled back deploy 4711");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.timeline .note")).ToContainTextAsync("Rolled back deploy 4711");
        var note = (await world.Incidents.EventsAsync(incident)).Single(e => e.GetProperty("eventType").GetString() == "Note");
        var noteData = await world.Incidents.Incidents.GetAsync($"/getTimelineEvent?incidentRecordArn={Uri.EscapeDataString(incident)}&eventId={note.GetProperty("eventId").GetString()}");
        using var data = JsonDocument.Parse(noteData.Json.GetProperty("event").GetProperty("eventData").GetString()!);
        Assert.Equal("Rolled back deploy 4711", data.RootElement.GetProperty("content").GetString());
        Assert.Equal("local", data.RootElement.GetProperty("author").GetString());
        Assert.Contains(await world.AuditAsync("CreateTimelineEvent"), r => r.EndsWith("console:local", StringComparison.Ordinal));

        await ConsoleBrowser.ScreenshotAsync(page, "incident-detail");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Script_and_markup_in_a_title_an_event_and_a_note_show_as_text_and_run_nothing()
    {
        const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        var world = new ConsoleWorld(fixture);
        var (_, _, source) = await world.AlertingAsync("console-xss", "xss");
        var incident = await ConsoleWorld.FireAsync(source, "xss", Hostile, impact: 4);
        await ConsoleWorld.FireAsync(source, "xss-filtered-out", "Impact 3, not listed under impact 4", impact: 3);
        var written = await world.Incidents.Incidents.PostAsync("/createTimelineEvent", JsonSerializer.Serialize(new
        {
            incidentRecordArn = incident,
            eventTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            eventType = "Custom Event",
            eventData = "event " + Hostile,
        }));
        Assert.True(written.Status == 201, written.Text);

        var page = await fixture.OpenAsync("/console/incidents?impact=4");
        var dialogs = new List<string>();
        page.Dialog += (_, d) => dialogs.Add(d.Message);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Hostile })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Impact 3, not listed under impact 4" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = Hostile }).ClickAsync();
        await Assertions.Expect(page.Locator("h1.incident-title")).ToHaveTextAsync(Hostile);
        await Assertions.Expect(page.Locator("ol.timeline").GetByText("event " + Hostile)).ToBeVisibleAsync();
        await page.GetByLabel("Note").FillAsync("note " + Hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.timeline .note")).ToContainTextAsync("note " + Hostile);
        // Let the live region refresh at least once with the hostile text in it.
        await page.WaitForResponseAsync(r => r.Url.Contains("handler=Live", StringComparison.Ordinal));
        await page.WaitForTimeoutAsync(300);

        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/console/incidents/no-such-plan/0123456789abcdef")]
    [InlineData("/console/incidents/%3Cscript%3E/x")]
    [InlineData("/console/incidents/plan/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/console/incidents/plan/x%20y%0A")]
    [InlineData("/console/incidents/plan/x'%22%3E%3Cimg%20src=x%3E")]
    [InlineData("/console/incidents/no-such-plan/0123456789abcdef?handler=Live")]
    [InlineData("/console/engagements/nobody/0123456789abcdef")]
    [InlineData("/console/engagements/%3Cscript%3E/x")]
    [InlineData("/console/engagements/a/%E2%80%AE%F0%9F%92%A5")]
    [InlineData("/console/engagements/nobody/0123456789abcdef?handler=Live")]
    public async Task A_hostile_or_unknown_incident_or_engagement_address_is_a_404(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_nul_in_an_incident_address_is_refused_by_the_server_before_any_page()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync("/console/incidents/plan/x%00y");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_address_longer_than_any_id_is_a_404()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync("/console/incidents/plan/" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
