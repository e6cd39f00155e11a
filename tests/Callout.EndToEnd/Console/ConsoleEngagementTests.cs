using System.Text.Json;
using Callout.EndToEnd.Engagements;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// Engagements started through ssm-contacts (StartEngagement) in the console: listed, shown with
/// their pages and receipts as the engine sends, acknowledged and stopped through the API's
/// operations, with their audit records.
public sealed class ConsoleEngagementTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 20_000 };

    [Fact]
    public async Task An_engagement_started_through_the_api_shows_its_pages_and_receipts_and_is_acknowledged()
    {
        var world = new ConsoleWorld(fixture);
        var person = await world.Paging.PersonWithPlanAsync("console-ben");
        var engagement = (await fixture.Api.OkAsync("StartEngagement", JsonSerializer.Serialize(new
        {
            ContactId = person.Arn,
            Sender = "batch-monitor",
            Subject = "Nightly export <b>late</b>",
            Content = "The export has not finished; \"><img src=x onerror=alert(1)>",
        }))).GetProperty("EngagementArn").GetString()!;

        var page = await fixture.OpenAsync("/console/engagements");
        var dialogs = new List<string>();
        page.Dialog += (_, d) => dialogs.Add(d.Message);
        await page.GetByRole(AriaRole.Link, new() { Name = "console-ben" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".engagement-subject")).ToHaveTextAsync("Nightly export <b>late</b>");
        await Assertions.Expect(page.Locator(".engagement-content")).ToHaveTextAsync("The export has not finished; \"><img src=x onerror=alert(1)>");
        await Assertions.Expect(page.Locator("#engagement-status")).ToHaveTextAsync("running");
        // The engine's first send arrives on the open page.
        await Assertions.Expect(page.Locator(".receipt-type", new() { HasText = "SENT" }).First).ToBeVisibleAsync(Live);

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".status.acknowledged").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".receipt-type", new() { HasText = "READ" }).First).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "engagement-detail");

        var pages = await world.Paging.PagesAsync(engagement);
        var acknowledged = Assert.Single(pages, p => p.TryGetProperty("ReadTime", out _));
        var pageArn = acknowledged.GetProperty("PageArn").GetString()!;
        Assert.Contains($"Success {pageArn} console:local", await world.AuditAsync("AcceptPage"));
        // A person's acknowledgement ends an engagement of that person (docs/spec/domain.md §3.5).
        await Assertions.Expect(page.Locator("#engagement-status")).ToHaveTextAsync("stopped", new() { Timeout = 20_000 });
        Assert.NotNull(await world.Paging.StopTimeAsync(engagement));
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_responder_stops_a_running_engagement_from_its_page()
    {
        var world = new ConsoleWorld(fixture);
        var person = await world.Paging.PersonWithPlanAsync("console-cid");
        var engagement = await world.Paging.StartAsync(person.Arn);

        var page = await fixture.OpenAsync(EngagementPath(engagement));
        await Assertions.Expect(page.Locator("#engagement-status")).ToHaveTextAsync("running");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop engagement" }).ClickAsync();

        await Assertions.Expect(page.Locator("#engagement-status")).ToHaveTextAsync("stopped");
        Assert.NotNull(await world.Paging.StopTimeAsync(engagement));
        Assert.Contains($"Success {engagement} console:local", await world.AuditAsync("StopEngagement"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_whose_code_was_burned_by_guessing_is_still_acknowledged_from_the_console()
    {
        var world = new ConsoleWorld(fixture);
        var person = await world.Paging.PersonWithPlanAsync("console-dia");
        var engagement = await world.Paging.StartAsync(person.Arn);
        var page = await fixture.OpenAsync(EngagementPath(engagement));
        await Assertions.Expect(page.Locator(".receipt-type", new() { HasText = "SENT" }).First).ToBeVisibleAsync(Live);
        var pageArn = Assert.Single(await world.Paging.PagesAsync(engagement)).GetProperty("PageArn").GetString()!;
        var code = await world.Paging.CodeForAsync(person["EMAIL"]);
        var wrong = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(400, (await world.Paging.AcceptAsync(pageArn, "READ", wrong, ""","AcceptCodeValidation":"ENFORCE" """)).Status);
        }
        var burned = await world.Paging.AcceptAsync(pageArn, "READ", code, ""","AcceptCodeValidation":"ENFORCE" """);
        Assert.True(burned.Status == 400, "the right code should be burned after five wrong tries: " + burned.Text);

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Assertions.Expect(page.Locator(".status.acknowledged")).ToBeVisibleAsync();
        Assert.True((await world.Paging.DescribePageAsync(pageArn)).TryGetProperty("ReadTime", out _));
        await page.Context.CloseAsync();
    }

    static string EngagementPath(string arn)
    {
        var parts = arn.Split('/');
        return $"/console/engagements/{parts[^2]}/{parts[^1]}";
    }
}
