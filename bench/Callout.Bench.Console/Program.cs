using System.Diagnostics;
using System.Globalization;
using Callout.Bench;
using Callout.Bench.Console;

// bench/console/console.sh: seeds the world through the API, then times each console page of
// bench/console/pages.txt (bench/README.md, "bench/console/console.sh").
var args_ = BenchArguments.Parse(args);
var url = new Uri(args_.Get("url") ?? throw new ArgumentException("--url is required"));
var account = args_.Get("account") ?? "111122223333";
var requests = (int)args_.Number("requests", 200);
var warmup = (int)args_.Number("warmup", 20);
var goal = args_.Number("goal-ms", 100);
var pagesFile = args_.Get("pages") ?? throw new ArgumentException("--pages is required");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };
var api = new Api(http, url, account);
var seed = await Seed.MakeAsync(api, (int)args_.Number("contacts", 1000), (int)args_.Number("rotations", 100),
    (int)args_.Number("incidents", 10_000), (int)args_.Number("workers", 16));

var pages = File.ReadAllLines(pagesFile)
    .Select(l => l.Trim())
    .Where(l => l.Length > 0 && !l.StartsWith('#'))
    .Select(l => l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) is [var name, var path] ? (Name: name, Path: path) : throw new FormatException($"bad line in {pagesFile}: {l}"))
    .ToList();

var rows = new List<Timing>
{
    await Timing.MeasureAsync(http, url, "baseline: GET /health", "/health", requests, warmup),
    await Timing.MeasureApiAsync(api, "baseline: GetContact (API)", seed.Contact, requests, warmup),
};
var missing = new List<string>();
foreach (var (name, path) in pages)
{
    var filled = seed.Fill(path);
    using (var probe = await http.GetAsync(new Uri(url, filled)))
    {
        if (probe.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            missing.Add($"{name} ({path})");
            continue;
        }
        if (!probe.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{name} {filled} answered {(int)probe.StatusCode}: {await probe.Content.ReadAsStringAsync()}");
        }
    }
    rows.Add(await Timing.MeasureAsync(http, url, name, filled, requests, warmup));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{requests} requests per page, one at a time, after {warmup} unreported; times in ms"));
Console.WriteLine();
Console.WriteLine("| Page | Server p50 | Server p99 | Client p50 | Client p99 | Bytes | Goal (server p99 < " + goal + " ms) |");
Console.WriteLine("|---|---|---|---|---|---|---|");
var missed = 0;
foreach (var row in rows)
{
    var verdict = row.ServerP99 is { } p99 ? (p99 < goal ? "met" : "MISSED") : "";
    missed += verdict == "MISSED" ? 1 : 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {row.Name} | {Fmt(row.ServerP50)} | {Fmt(row.ServerP99)} | {row.ClientP50:0.0} | {row.ClientP99:0.0} | {row.Bytes:N0} | {verdict} |"));
}
foreach (var name in missing)
{
    Console.WriteLine($"| {name} | not served by this build (404) | | | | | |");
}
Console.WriteLine();
Console.WriteLine(missed == 0 ? "every page met the goal" : $"{missed} page(s) MISSED the goal");
return 0;

static string Fmt(double? ms) => ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

sealed record Timing(string Name, double ClientP50, double ClientP99, double? ServerP50, double? ServerP99, long Bytes)
{
    public static async Task<Timing> MeasureAsync(HttpClient http, Uri url, string name, string path, int requests, int warmup)
    {
        var client = new List<double>();
        var server = new List<double>();
        long bytes = 0;
        for (var i = 0; i < warmup + requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri(url, path));
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{name} {path} answered {(int)response.StatusCode}");
            }
            if (i < warmup)
            {
                continue;
            }
            client.Add(elapsed);
            bytes = body.Length;
            if (response.Headers.TryGetValues("Server-Timing", out var timing)
                && timing.First() is var t && t.IndexOf("dur=", StringComparison.Ordinal) is var at and >= 0)
            {
                server.Add(double.Parse(t[(at + 4)..], CultureInfo.InvariantCulture));
            }
        }
        return new Timing(name, Percentile(client, 50), Percentile(client, 99),
            server.Count > 0 ? Percentile(server, 50) : null, server.Count > 0 ? Percentile(server, 99) : null, bytes);
    }

    public static async Task<Timing> MeasureApiAsync(Api api, string name, string contact, int requests, int warmup)
    {
        var client = new List<double>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await api.ContactsAsync("GetContact", new { ContactId = contact });
            if (i >= warmup)
            {
                client.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        return new Timing(name, Percentile(client, 50), Percentile(client, 99), null, null, 0);
    }

    static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
