using Callout.EndToEnd.Harness;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// A server of its own for a class of console tests, under --auth off so a browser on loopback is
/// the administrator of the server's default account, which is a fresh account per fixture; the
/// API client acts in that same account to set up what the pages show.
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    /// The default account of this fixture's server, which the console shows.
    public string Account { get; } = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ApiClient Api => new(Server.Endpoint, Account);

    public async Task InitializeAsync() =>
        Server = await ServerProcess.StartAsync(extraArgs: ["--default-account", Account]);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// A fresh browser context (no cookies) with a page open on `path`.
    public async Task<IPage> OpenAsync(string path = "/console", string? timezone = null)
    {
        var context = await ConsoleBrowser.NewContextAsync(Server.Endpoint, timezone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }
}
