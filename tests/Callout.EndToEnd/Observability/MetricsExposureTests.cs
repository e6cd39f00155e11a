using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Observability;

/// Where /metrics is served and whether it needs a signature: `--metrics-urls` moves it to a
/// listener of its own, and under `--auth strict` a /metrics reachable beyond loopback needs a
/// signed request unless `--metrics-auth open` says otherwise (docs/operations.md).
public sealed partial class MetricsExposureTests
{
    const string Key = "AKIAMETRICSTEST";
    const string Secret = "bWV0cmljcy1zZWNyZXQ";
    static readonly string[] Strict = ["--auth", "strict", "--credentials", $"{Key}:{Secret}:505050505050"];

    static readonly SigV4TestSigner Signer = new(Key, Secret, "us-east-1");

    static void AssertMetrics(HttpAnswer answer) =>
        Assert.True(answer.Status == 200 && answer.Text.Contains("callout_engine_engagements_running", StringComparison.Ordinal),
            $"HTTP {answer.Status}: {answer.Text[..Math.Min(300, answer.Text.Length)]}");

    static void AssertRefused(HttpAnswer answer)
    {
        Assert.True(answer.Status == 400, $"HTTP {answer.Status}: {answer.Text[..Math.Min(300, answer.Text.Length)]}");
        Assert.Equal("MissingAuthenticationTokenException", answer.ErrorType);
    }

    [Fact]
    public async Task a_metrics_listener_serves_metrics_and_the_api_port_no_longer_does()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--metrics-urls", "http://127.0.0.1:0"]);
        var metrics = await MetricsUrlAsync(server);

        Assert.NotEqual(server.Endpoint.Port, metrics.Port);
        AssertMetrics(await new SignedHttp(metrics, null).GetAsync("metrics"));
        var onApiPort = await new SignedHttp(Loopback(server), null).GetAsync("metrics");
        Assert.NotEqual(200, onApiPort.Status);
        Assert.DoesNotContain("callout_", onApiPort.Text, StringComparison.Ordinal);
        // The listener serves /metrics and nothing else.
        Assert.Equal(404, (await new SignedHttp(metrics, null).GetAsync("_callout/outbox")).Status);
    }

    [Fact]
    public async Task under_strict_auth_beyond_loopback_metrics_on_the_api_port_need_a_signature()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0", .. Strict]);

        AssertRefused(await new SignedHttp(Loopback(server), null).GetAsync("metrics"));
        AssertMetrics(await new SignedHttp(Loopback(server), Signer).GetAsync("metrics"));
    }

    [Fact]
    public async Task metrics_auth_open_leaves_them_open_beyond_loopback()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0", "--metrics-auth", "open", .. Strict]);

        AssertMetrics(await new SignedHttp(Loopback(server), null).GetAsync("metrics"));
    }

    [Fact]
    public async Task a_metrics_listener_on_loopback_is_open_while_the_api_listens_beyond()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--urls", "http://0.0.0.0:0", "--metrics-urls", "http://127.0.0.1:0", .. Strict]);
        var metrics = await MetricsUrlAsync(server);

        AssertMetrics(await new SignedHttp(metrics, null).GetAsync("metrics"));
    }

    [Fact]
    public async Task a_metrics_listener_with_signed_metrics_auth_refuses_an_unsigned_scrape()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--metrics-urls", "http://127.0.0.1:0", "--metrics-auth", "signed", .. Strict]);
        var metrics = await MetricsUrlAsync(server);

        AssertRefused(await new SignedHttp(metrics, null).GetAsync("metrics"));
        AssertMetrics(await new SignedHttp(metrics, Signer).GetAsync("metrics"));
    }

    /// A server listening on every interface, reached over loopback.
    static Uri Loopback(ServerProcess server) => new UriBuilder(server.Endpoint) { Host = "127.0.0.1" }.Uri;

    /// The listener's address from its start-up line, `Callout metrics on http://...:port/metrics`.
    static async Task<Uri> MetricsUrlAsync(ServerProcess server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!MetricsLine().IsMatch(server.Output))
        {
            await Task.Delay(50, timeout.Token);
        }
        return new Uri(MetricsLine().Match(server.Output).Groups["base"].Value + "/");
    }

    [GeneratedRegex(@"Callout metrics on (?<base>http://\S+?)/metrics")]
    private static partial Regex MetricsLine();
}
