using System.Globalization;
using System.Text;
using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// Brings every node to the state of a server that has been taking alerts for a while before the
/// storm: each node takes `WarmUps` keys of its own, each triggered, repeated and resolved, so the
/// new-incident, repeat and resolve paths and the engine's sends behind them have run often enough
/// for the runtime to finish compiling them (tiered compilation promotes a method after some dozens
/// of calls, in the background). Without it the first second of the storm measures the JIT of a
/// freshly started process rather than the alert path (bench/README.md, "Alert storm"); `--warm-ups 0`
/// measures exactly that. The warm-up incidents are resolved, so their engagements stop paging
/// before the storm; they have titles of their own and stay out of the figures.
static class StormWarmUp
{
    const int Concurrency = 4;

    // Tiered compilation promotes methods from a background queue after a short delay.
    static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(StormOptions options, CalloutClient contacts, string alertPath, CancellationToken ct)
    {
        if (options.WarmUps == 0)
        {
            return;
        }
        foreach (var node in options.Nodes)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, options.WarmUps),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct },
                async (j, token) =>
                {
                    var key = string.Create(CultureInfo.InvariantCulture, $"warm-up-{node.Port}-{j}");
                    await PostAsync(contacts.Http, new Uri(node, alertPath), key, "firing", token);
                    await PostAsync(contacts.Http, new Uri(node, alertPath), key, "firing", token);
                    await PostAsync(contacts.Http, new Uri(node, alertPath), key, "resolved", token);
                });
        }
        await Task.Delay(Settle, ct);
    }

    static async Task PostAsync(HttpClient http, Uri url, string key, string status, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(
                $$"""{"dedupKey":"{{key}}","title":"warm-up","impact":5,"status":"{{status}}"}""", Encoding.UTF8, "application/json"),
        };
        using var answer = await http.SendAsync(request, ct);
        answer.EnsureSuccessStatusCode();
    }
}
