using System.Globalization;
using Callout.EndToEnd.Harness;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// A server under --auth strict, where every console page needs a sign-in, on a store that
/// outlives a restart (a data directory, or a PostgreSQL schema in the suite's PostgreSQL run).
/// Its users are made with `callout users add` before it starts, as an operator would.
public sealed class SignInFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public ServerProcess Server { get; private set; } = null!;

    public string Account { get; } = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);

    /// The API's credential in the account (--auth strict needs one).
    public string Credential => $"AKIACONSOLESIGNIN:c2VjcmV0c2VjcmV0:{Account}";

    Postgres? database;
    string? directory;

    public IReadOnlyList<string> StoreArgs => database is not null ? ["--store", database.ConnectionString] : ["--data-dir", directory!];

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("CALLOUT_E2E_STORE") == "postgres")
        {
            database = await Postgres.CreateSchemaAsync();
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("callout-console-sign-in-").FullName;
        }
        foreach (var (name, role) in new[] { ("admin", "administrator"), ("Viewer.One", "viewer"), ("responder", "responder"), ("guessed", "viewer") })
        {
            var added = await AddUserAsync(name, role, Password);
            if (added.Code != 0)
            {
                throw new InvalidOperationException($"callout users add {name} failed ({added.Code}): {added.Stdout}{added.Stderr}");
            }
        }
        await StartAsync();
    }

    /// `callout users add NAME --role ROLE --account ACCOUNT` with the password on standard input.
    public async Task<ServerCommand.Exit> AddUserAsync(string name, string role, string password, params string[] more) =>
        await ServerCommand.RunToExitAsync(["users", "add", name, "--role", role, "--account", Account, .. more, .. StoreArgs], input: password + "\n");

    public Task<ServerCommand.Exit> UsersAsync(params string[] args) =>
        ServerCommand.RunToExitAsync(["users", .. args, .. StoreArgs]);

    public async Task StartAsync() => Server = await ServerProcess.StartAsync(
        dataDirectory: directory,
        extraArgs: [.. database is null ? [] : StoreArgs, "--auth", "strict", "--credentials", Credential, "--default-account", Account]);

    /// Stops the server and starts it again on the same store (on another port).
    public async Task RestartAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
        if (directory is not null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// A fresh browser context with a page open on `path`.
    public async Task<IPage> OpenAsync(string path = "/console")
    {
        var context = await ConsoleBrowser.NewContextAsync(Server.Endpoint);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    /// Signs in on the sign-in page the browser was sent to.
    public static async Task SignInAsync(IPage page, string name, string password = Password)
    {
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public async Task<IPage> SignedInAsync(string name, string path = "/console")
    {
        var page = await OpenAsync(path);
        await SignInAsync(page, name);
        // The header names the user as they were added, whatever case they signed in with.
        await Assertions.Expect(page.Locator("header .who")).ToBeVisibleAsync();
        return page;
    }
}
