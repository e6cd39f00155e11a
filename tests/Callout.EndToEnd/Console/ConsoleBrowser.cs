using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// Debian's chromium, driven by Playwright, shared by every console test in the run: one browser
/// process, a fresh context (cookies, storage) per test. Playwright never downloads a browser
/// here; CALLOUT_CHROMIUM names another executable.
static class ConsoleBrowser
{
    static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync);

    public static string Executable => Environment.GetEnvironmentVariable("CALLOUT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// A browser context of its own whose relative URLs go to `server`.
    public static async Task<IBrowserContext> NewContextAsync(Uri server, string? timezone = null)
    {
        var browser = await Browser.Value;
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString().TrimEnd('/'),
            TimezoneId = timezone,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
    }

    /// Saves what the page shows as `name.png` under the test run's artifacts folder
    /// (tests/Callout.EndToEnd/bin/.../console-screenshots), for the documentation and for a failure.
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "console-screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"The console tests need chromium at {Executable} (tests/install-test-dependencies.sh installs it).");
        }
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // CI runs as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }
}
