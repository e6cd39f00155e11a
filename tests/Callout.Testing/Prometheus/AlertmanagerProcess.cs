using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Callout.Testing.Prometheus;

/// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, with
/// no cluster gossip and a temporary data folder. Alerts are posted to its API as Prometheus would;
/// it groups them and notifies its receivers on its own timings.
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    readonly LoopbackDaemon _daemon;

    AlertmanagerProcess(LoopbackDaemon daemon) => _daemon = daemon;

    /// Where Prometheus sends alerts and where tests post them.
    public Uri BaseUrl => _daemon.BaseUrl;

    /// `host:port`, as Prometheus's `alerting.alertmanagers` targets name it.
    public string Target => $"{BaseUrl.Host}:{BaseUrl.Port}";

    public string Output => _daemon.Output;

    public static async Task<AlertmanagerProcess> StartAsync(AlertmanagerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var folder = LoopbackDaemon.NewFolder("alertmanager");
        var configFile = Path.Combine(folder, "alertmanager.yml");
        await File.WriteAllTextAsync(configFile, config.ToJson());
        var port = FreePort.Next();
        var daemon = await LoopbackDaemon.StartAsync(["prometheus-alertmanager", "alertmanager"], "prometheus-alertmanager", folder, port,
        [
            "--config.file=" + configFile,
            "--storage.path=" + Path.Combine(folder, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
            // Empty: a lone instance, no gossip port opened.
            "--cluster.listen-address=",
            "--log.level=debug",
        ]);
        return new AlertmanagerProcess(daemon);
    }

    /// Posts the alert as firing since `startsAt`, with no end: Prometheus's way of saying it still fires.
    public Task FireAsync(Alert alert, DateTimeOffset startsAt) => PostAsync(alert, startsAt, endsAt: null);

    /// Posts the alert again with an end in the past: Alertmanager resolves it at once and tells the
    /// receivers at the group's next interval. The end must also come after the start, which may be
    /// less than a second ago.
    public Task ResolveAsync(Alert alert, DateTimeOffset startsAt)
    {
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        return PostAsync(alert, startsAt, endsAt: past > startsAt ? past : startsAt.AddMilliseconds(1));
    }

    async Task PostAsync(Alert alert, DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var posted = new JsonObject
        {
            ["labels"] = Map(alert.Labels),
            ["annotations"] = Map(alert.Annotations),
            ["startsAt"] = Stamp(startsAt),
            ["generatorURL"] = "http://prometheus.test/graph",
        };
        if (endsAt is { } end)
        {
            posted["endsAt"] = Stamp(end);
        }
        using var response = await Http.PostAsJsonAsync(new Uri(BaseUrl, "api/v2/alerts"), new JsonArray(posted));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Alertmanager refused the alert: {(int)response.StatusCode} {text}");
        }
    }

    /// How many notifications the integration (`webhook`, `pagerduty`) has tried and how many of
    /// them failed, from Alertmanager's own metrics: a receiver answering other than 2xx fails one.
    public async Task<(int Sent, int Failed)> NotificationsAsync(string integration)
    {
        var metrics = await Http.GetStringAsync(new Uri(BaseUrl, "metrics"));
        return ((int)MetricsText.Value(metrics, "alertmanager_notifications_total", "integration", integration),
            (int)MetricsText.Value(metrics, "alertmanager_notifications_failed_total", "integration", integration));
    }

    /// Waits until the integration has tried at least `count` notifications.
    public async Task WaitForNotificationsAsync(string integration, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var (sent, _) = await NotificationsAsync(integration);
            if (sent >= count)
            {
                return;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Alertmanager sent {sent} {integration} notification(s), not {count}:\n{Tail(Output)}");
            }
            await Task.Delay(100);
        }
    }

    static JsonObject Map(IReadOnlyDictionary<string, string> pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
