using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Callout.EndToEnd.Console;

/// Signing in to the console under --auth strict, in a real browser: passwords, guessing limits,
/// roles, sign-out, and a session that outlives a restart.
public sealed partial class ConsoleSignInTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task a_browser_on_loopback_under_auth_strict_is_sent_to_the_sign_in_page_and_signs_in_with_a_password()
    {
        var page = await fixture.OpenAsync("/console/admin/users");

        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in\\?ReturnUrl=%2Fconsole%2Fadmin%2Fusers$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Callout" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");

        // The name's case does not matter; the page shown is the one asked for.
        await SignInFixture.SignInAsync(page, "ADMIN");

        await Expect(page).ToHaveURLAsync(new Regex("/console/admin/users$"));
        await Expect(page.Locator("header .who")).ToContainTextAsync("admin · administrator");
    }

    [Fact]
    public async Task a_wrong_password_and_an_unknown_name_get_the_same_answer_and_no_session()
    {
        var page = await fixture.OpenAsync();

        await SignInFixture.SignInAsync(page, "admin", "not the password at all");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await SignInFixture.SignInAsync(page, "nobody-by-that-name", SignInFixture.Password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");

        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    [Fact]
    public async Task a_hostile_user_name_is_shown_back_as_text_and_signs_nobody_in()
    {
        var page = await fixture.OpenAsync();
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };

        await SignInFixture.SignInAsync(page, "\"><script>alert(1)</script>", "x");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync("\"><script>alert(1)</script>");
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task after_five_wrong_passwords_even_the_right_one_is_refused_for_a_while()
    {
        var page = await fixture.OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await SignInFixture.SignInAsync(page, "guessed", "wrong password " + i);
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        }

        await SignInFixture.SignInAsync(page, "guessed", SignInFixture.Password);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many wrong tries");
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    [Fact]
    public async Task signing_out_ends_the_session()
    {
        var page = await fixture.SignedInAsync("responder");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in$"));
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    [Theory]
    [InlineData("viewer.one")]
    [InlineData("responder")]
    public async Task a_user_below_administrator_is_refused_the_users_page_and_its_actions(string name)
    {
        var page = await fixture.SignedInAsync(name);
        await Expect(page.Locator("header nav")).Not.ToContainTextAsync("Admin");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        var shown = await page.GotoAsync("/console/admin/users");
        Assert.Equal(403, shown!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();

        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("name", "sneaked-in-by-" + name);
        form.Set("role", "administrator");
        form.Set("password", "a long enough password");
        var posted = await page.Context.APIRequest.PostAsync("/console/admin/users?handler=Add", new() { Form = form });
        Assert.Equal(403, posted.Status);

        var listed = await fixture.UsersAsync("list");
        Assert.DoesNotContain("sneaked-in-by-" + name, listed.Stdout);
    }

    [Fact]
    public async Task an_administrator_adds_a_user_on_the_users_page_who_then_signs_in()
    {
        var page = await fixture.SignedInAsync("admin", "/console/admin/users");
        await Expect(page.Locator("tr[data-user=admin]")).ToBeVisibleAsync();

        await page.GetByLabel("User name").FillAsync("<script>x</script>");
        await page.GetByLabel("First password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A user name is 1 to 64 letters");

        await page.GetByLabel("User name").FillAsync("added-on-the-page");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("responder");
        await page.GetByLabel("First password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added added-on-the-page.");
        await Expect(page.Locator("tr[data-user=added-on-the-page]")).ToContainTextAsync("enabled");
        await ConsoleBrowser.ScreenshotAsync(page, "admin-users");

        var other = await fixture.OpenAsync();
        await SignInFixture.SignInAsync(other, "added-on-the-page", "a long enough password");
        await Expect(other.Locator("header .who")).ToContainTextAsync("added-on-the-page · responder");

        // Disabled, their session ends at their next request.
        await page.Locator("tr[data-user=added-on-the-page]").GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Disabled added-on-the-page.");
        await other.GotoAsync("/console");
        await Expect(other).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    [Fact]
    public async Task a_session_outlives_a_restart_of_the_server()
    {
        var page = await fixture.SignedInAsync("admin");

        await fixture.RestartAsync();

        await page.GotoAsync(new Uri(fixture.Server.Endpoint, "/console").ToString());
        await Expect(page.Locator("header .who")).ToContainTextAsync("admin · administrator");
    }
}
