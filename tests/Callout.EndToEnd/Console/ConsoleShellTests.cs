using System.Net;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// The console's frame: it is served under /console beside the API, with its protective headers,
/// and its forms refuse posts that lack the antiforgery token.
public sealed class ConsoleShellTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Home_opens_in_a_real_browser_with_the_sections_and_its_own_assets()
    {
        var page = await fixture.OpenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Incidents");
        // The stylesheet applied: the header is laid out by it, not the browser's defaults.
        var display = await page.EvalOnSelectorAsync<string>("header.top", "e => getComputedStyle(e).display");
        Assert.Equal("flex", display);
        await ConsoleBrowser.ScreenshotAsync(page, "home");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Console_answers_carry_a_strict_content_security_policy_and_refuse_framing()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.True(response.Headers.CacheControl?.NoStore, "console pages are not kept by caches");
    }

    [Fact]
    public async Task A_post_to_the_console_without_the_antiforgery_token_is_refused_and_never_reaches_the_api()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.PostAsync("/console/region", new FormUrlEncodedContent([new("region", "eu-west-1")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The API's JSON error would name an operation; the console's refusal does not.
        Assert.DoesNotContain("UnknownOperationException", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("callout-console-region", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Choosing_a_region_in_the_header_keeps_it_for_the_next_pages()
    {
        var page = await fixture.OpenAsync();
        await page.GetByLabel("Region").SelectOptionAsync("eu-west-1");
        await page.WaitForURLAsync("**/console");
        await Assertions.Expect(page.GetByLabel("Region")).ToHaveValueAsync("eu-west-1");
        await page.GotoAsync("/console");
        await Assertions.Expect(page.GetByLabel("Region")).ToHaveValueAsync("eu-west-1");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_api_still_answers_a_call_whose_endpoint_url_has_a_console_path()
    {
        var api = new Harness.ApiClient(new Uri(fixture.Server.Endpoint, "/console/"), fixture.Account);
        var contacts = await api.OkAsync("ListContacts", "{}");
        Assert.Equal(0, contacts.GetProperty("Contacts").GetArrayLength());
    }
}
