using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.Testing.Prometheus;

/// A real Prometheus server (Debian's prometheus) on a free loopback port: it scrapes one target
/// every second, evaluates one alerting rule every second and sends what fires, and what stops
/// firing, to an Alertmanager.
public sealed class PrometheusProcess : IAsyncDisposable
{
    readonly LoopbackDaemon _daemon;

    PrometheusProcess(LoopbackDaemon daemon) => _daemon = daemon;

    public Uri BaseUrl => _daemon.BaseUrl;

    public string Output => _daemon.Output;

    /// `rule` fires (with no `for` delay) while `expression` has a result.
    public static async Task<PrometheusProcess> StartAsync(string alertmanagerTarget, Uri scrapeTarget, string rule, string expression, string summary)
    {
        ArgumentNullException.ThrowIfNull(scrapeTarget);
        var folder = LoopbackDaemon.NewFolder("prometheus");
        var rulesFile = Path.Combine(folder, "rules.yml");
        var configFile = Path.Combine(folder, "prometheus.yml");
        var indented = new JsonSerializerOptions { WriteIndented = true };
        var rules = new JsonObject
        {
            ["groups"] = new JsonArray(new JsonObject
            {
                ["name"] = "callout-test",
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["alert"] = rule,
                    ["expr"] = expression,
                    ["labels"] = new JsonObject { ["severity"] = "critical" },
                    ["annotations"] = new JsonObject { ["summary"] = summary },
                }),
            }),
        };
        var config = new JsonObject
        {
            ["global"] = new JsonObject { ["scrape_interval"] = "1s", ["evaluation_interval"] = "1s" },
            ["rule_files"] = new JsonArray(rulesFile),
            ["alerting"] = new JsonObject
            {
                ["alertmanagers"] = new JsonArray(new JsonObject
                {
                    ["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(alertmanagerTarget) }),
                }),
            },
            ["scrape_configs"] = new JsonArray(new JsonObject
            {
                ["job_name"] = "callout-test",
                ["metrics_path"] = scrapeTarget.AbsolutePath,
                ["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray($"{scrapeTarget.Host}:{scrapeTarget.Port}") }),
            }),
        };
        await File.WriteAllTextAsync(rulesFile, rules.ToJsonString(indented));
        await File.WriteAllTextAsync(configFile, config.ToJsonString(indented));
        var port = FreePort.Next();
        var daemon = await LoopbackDaemon.StartAsync(["prometheus"], "prometheus", folder, port,
        [
            "--config.file=" + configFile,
            "--storage.tsdb.path=" + Path.Combine(folder, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=debug",
        ]);
        return new PrometheusProcess(daemon);
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
