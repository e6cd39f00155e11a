using Microsoft.Playwright;
using Xunit;

namespace Callout.EndToEnd.Console;

/// A viewer reads and never acts: signed in as one, with the session's own antiforgery token, every
/// action of every section is refused (403, or the redirect to the 403 page) and nothing changes.
public sealed class ConsoleViewerRefusalTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    /// One action per handler the console has, with a form a person could send.
    static readonly (string Path, string Handler, Dictionary<string, string> Form)[] Actions =
    [
        ("/console", "Acknowledge", new() { ["pageArn"] = "arn:aws:ssm-contacts:us-east-1:111122223333:page/a/0d6e5c2a-5d2e-4a6b-9f3e-1c7a2b3c4d5e" }),
        ("/console/contacts", "Create", new() { ["Alias"] = "viewer-made", ["DisplayName"] = "Viewer made", ["Type"] = "PERSONAL" }),
        ("/console/response-plans", "Create", new() { ["Name"] = "viewer-plan", ["Title"] = "t", ["Impact"] = "3" }),
        ("/console/admin", "Test", new() { ["ChannelType"] = "EMAIL", ["Address"] = "someone@example.com" }),
        ("/console/admin/keys", "RevokeFeed", new() { ["feedId"] = "feed" }),
        ("/console/admin/keys", "RevokeIntegration", new() { ["sourceId"] = "source" }),
    ];

    [Fact]
    public async Task every_action_a_viewer_sends_is_refused_and_changes_nothing()
    {
        var page = await fixture.SignedInAsync("Viewer.One");
        // The region picker on every page carries the session's antiforgery token, so the refusal
        // below is the role check's and not the token's.
        var token = await page.Locator("header form input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(token));

        foreach (var (path, handler, form) in Actions)
        {
            var fields = new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token! };
            var answer = await page.APIRequest.PostAsync($"{path}?handler={handler}", new APIRequestContextOptions
            {
                Form = FormOf(page, fields),
                MaxRedirects = 0,
            });
            AssertRefused(answer, $"{path} {handler}");
        }

        // Nothing a viewer sent was made: the contact and the plan do not exist.
        await page.GotoAsync("/console/contacts");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("viewer-made");
        await page.GotoAsync("/console/response-plans");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("viewer-plan");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task a_viewer_is_refused_the_admin_pages_themselves()
    {
        var page = await fixture.SignedInAsync("Viewer.One");
        foreach (var path in new[] { "/console/admin", "/console/admin/messages", "/console/admin/audit", "/console/admin/keys", "/console/admin/users" })
        {
            AssertRefused(await page.APIRequest.GetAsync(path, new APIRequestContextOptions { MaxRedirects = 0 }), path);
        }
        await page.Context.CloseAsync();
    }

    /// Refused: 403, or the sign-in scheme's answer to a browser, a redirect to the 403 page.
    static void AssertRefused(IAPIResponse answer, string what)
    {
        if (answer.Status == 302)
        {
            Assert.True(new Uri(new Uri("http://x"), answer.Headers["location"]).AbsolutePath == "/console/denied",
                $"{what}: redirected to {answer.Headers["location"]}");
            return;
        }
        Assert.True(answer.Status == 403, $"{what}: HTTP {answer.Status}");
    }

    static IFormData FormOf(IPage page, Dictionary<string, string> fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        return form;
    }
}
