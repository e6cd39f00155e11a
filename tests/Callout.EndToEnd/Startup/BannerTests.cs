using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Startup;

/// The line the server prints once it listens names what it runs with.
public sealed class BannerTests : IDisposable
{
    readonly string _temp = Directory.CreateTempSubdirectory("callout-banner-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    static string Banner(ServerProcess server) =>
        server.Output.Split('\n').Single(l => l.StartsWith("Callout listening on ", StringComparison.Ordinal)).TrimEnd('\r');

    [Fact]
    public async Task the_banner_names_the_store_auth_clock_public_url_and_each_channel_types_provider()
    {
        await using var server = await ServerProcess.StartAsync(
            dataDirectory: _temp,
            extraArgs: ["--auth", "strict", "--credentials", "AKIDBANNER:secret:111122223333", "--clock", "virtual"],
            environment: new Dictionary<string, string>
            {
                ["CALLOUT_EMAIL_PROVIDER"] = "webhook",
                ["CALLOUT_VOICE_PROVIDER"] = "webhook",
                ["CALLOUT_WEBHOOK_URL"] = "http://127.0.0.1:9/hook",
                ["CALLOUT_WEBHOOK_SECRET"] = "s3cret",
            });

        var banner = Banner(server);

        Assert.StartsWith($"Callout listening on {server.Endpoint.GetLeftPart(UriPartial.Authority)} (", banner, StringComparison.Ordinal);
        Assert.Contains($"store: sqlite {Path.Combine(_temp, "callout.db")}", banner, StringComparison.Ordinal);
        Assert.Contains("auth: strict", banner, StringComparison.Ordinal);
        Assert.Contains("clock: virtual", banner, StringComparison.Ordinal);
        // Port 0 was asked for: the public URL is the bound address.
        Assert.Contains($"public url: {server.Endpoint}", banner, StringComparison.Ordinal);
        Assert.Contains("email: webhook", banner, StringComparison.Ordinal);
        Assert.Contains("sms: outbox", banner, StringComparison.Ordinal);
        Assert.Contains("voice: webhook", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_banner_shows_a_configured_public_url_and_the_in_memory_store()
    {
        await using var server = await ServerProcess.StartAsync(
            dataDirectory: null,
            extraArgs: ["--in-memory", "--public-url", "https://callout.example.com"]);

        var banner = Banner(server);

        Assert.Contains("public url: https://callout.example.com/", banner, StringComparison.Ordinal);
        Assert.Contains("auth: off", banner, StringComparison.Ordinal);
        Assert.Contains("clock: system", banner, StringComparison.Ordinal);
        Assert.Contains("email: outbox, sms: outbox, voice: outbox", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task on_every_interface_the_public_url_is_localhost_with_the_bound_port()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0", "--allow-unauthenticated-remote-access"]);

        var banner = Banner(server);

        // The harness's own --urls comes first; the later flag wins.
        Assert.StartsWith("Callout listening on http://0.0.0.0:", banner, StringComparison.Ordinal);
        Assert.Contains($"public url: http://localhost:{server.Endpoint.Port}/", banner, StringComparison.Ordinal);
    }
}
