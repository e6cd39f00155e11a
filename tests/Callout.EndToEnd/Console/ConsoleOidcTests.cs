using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Callout.EndToEnd.Console;

/// "Sign in with SSO" against a real OpenID Connect provider (the npm package oidc-provider, run by
/// tests/clients/js/oidc/provider.mjs on a loopback port), driven through its login and consent
/// pages in the browser and back to the console.
public sealed class ConsoleOidcTests
{
    const string ClientId = "callout-console";
    const string ClientSecret = "a-client-secret-for-the-test";

    [Fact]
    public async Task a_console_user_added_for_sso_signs_in_through_the_provider_and_is_linked_to_its_subject()
    {
        var directory = Directory.CreateTempSubdirectory("callout-console-oidc-").FullName;
        var port = FreePort();
        using var provider = StartProvider($"http://127.0.0.1:{port}/console/sign-in/oidc", out var issuer);
        try
        {
            var added = await ServerCommand.RunToExitAsync(
                ["users", "add", "sso.person@example.test", "--role", "responder", "--account", "123456789012", "--sso-only", "--data-dir", directory]);
            Assert.Equal(0, added.Code);
            await using var server = await ServerProcess.StartAsync(directory,
                ["--urls", $"http://127.0.0.1:{port}", "--auth", "strict", "--credentials", "AKIAOIDC:c2VjcmV0:123456789012",
                 "--oidc-authority", await issuer, "--oidc-client-id", ClientId],
                new Dictionary<string, string> { ["CALLOUT_OIDC_CLIENT_SECRET"] = ClientSecret });

            var context = await ConsoleBrowser.NewContextAsync(server.Endpoint);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/console");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with SSO" }).ClickAsync();

            // The provider's own pages.
            await page.Locator("input[name=login]").FillAsync("sso.person@example.test");
            await page.Locator("input[name=password]").FillAsync("anything");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"^http://127.0.0.1:{port}/console$"));
            await Expect(page.Locator("header .who")).ToContainTextAsync("sso.person@example.test · responder");
            var listed = await ServerCommand.RunToExitAsync(["users", "list", "--data-dir", directory]);
            Assert.Matches("sso.person@example.test\t123456789012\tresponder\tsso\t", listed.Stdout);

            // A person the provider knows but no administrator added is not signed in.
            var stranger = await (await ConsoleBrowser.NewContextAsync(server.Endpoint)).NewPageAsync();
            await stranger.GotoAsync("/console/sign-in");
            await stranger.GetByRole(AriaRole.Link, new() { Name = "Sign in with SSO" }).ClickAsync();
            await stranger.Locator("input[name=login]").FillAsync("stranger@example.test");
            await stranger.Locator("input[name=password]").FillAsync("anything");
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync("names no console user here");
        }
        finally
        {
            if (!provider.HasExited)
            {
                provider.Kill(entireProcessTree: true);
            }
            Directory.Delete(directory, recursive: true);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static Process StartProvider(string redirectUri, out Task<string> issuer)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(Paths.ClientsDir, "js"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "oidc/provider.mjs", ClientId, ClientSecret, redirectUri })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("issuer ", StringComparison.Ordinal))
            {
                started.TrySetResult(line["issuer ".Length..]);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The OpenID Connect provider exited early."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        issuer = started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return process;
    }
}
