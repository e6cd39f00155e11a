using System.Text.Json;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// The contacts list pages through ListContacts with its NextToken, 25 at a time.
public sealed class ContactPagingTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Thirty_contacts_are_shown_as_a_page_of_twenty_five_and_a_next_page_of_five()
    {
        for (var i = 0; i < 30; i++)
        {
            await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(new { Alias = $"p{i:00}", Type = "PERSONAL", Plan = new { Stages = Array.Empty<object>() } }));
        }
        var page = await fixture.OpenAsync("/console/contacts?type=PERSONAL");
        await Assertions.Expect(page.Locator("table.contacts tbody tr")).ToHaveCountAsync(25);
        var first = await page.Locator("table.contacts tbody tr td:first-child").AllTextContentsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.contacts tbody tr")).ToHaveCountAsync(5);
        var second = await page.Locator("table.contacts tbody tr td:first-child").AllTextContentsAsync();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"p{i:00}").Order(), first.Concat(second).Order());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.contacts tbody tr")).ToHaveCountAsync(25);
        await page.Context.CloseAsync();
    }
}
