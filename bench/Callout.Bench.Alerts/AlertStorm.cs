using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Callout.Bench.Engine;

namespace Callout.Bench.Alerts;

/// The storm: alert i goes out at i × Duration / Alerts (all at once when Duration is 0) with key
/// i mod Keys; a fraction Pairs of the sends are two identical requests at once. Each key's alerts
/// share its title "bench e{key}", which the engagements' pages carry as their subject, so the
/// sink numbers each page with its key (SinkState).
static class AlertStorm
{
    public static async Task<int> RunAsync(StormOptions options)
    {
        using var contacts = CalloutClient.Create(options.Url, options.Connections);
        using var sink = new HttpClient { BaseAddress = options.SinkUrl };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var ct = cancel.Token;
        var setUp = await StormSetUp.RunAsync(options, contacts, sink, ct);

        var baseline = await StormBaseline.RunAsync(options, contacts, sink, setUp.People[0], ct);
        await StormWarmUp.RunAsync(options, contacts, setUp.AlertPath, ct);

        var sends = new ConcurrentQueue<Sent>();
        var firstSent = new long[options.Keys];
        using var gate = new SemaphoreSlim(options.Connections);
        var inFlight = new List<Task>(options.Alerts);
        var random = new Random(20261206);
        var before = StormCpu.Take(options.CalloutPids);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Alerts;)
        {
            var due = options.Duration * ((double)i / options.Alerts);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, ct);
            }
            var key = i % options.Keys;
            var copies = random.NextDouble() < options.Pairs && i + 1 < options.Alerts ? 2 : 1;
            for (var c = 0; c < copies; c++)
            {
                await gate.WaitAsync(ct);
                var node = options.Nodes[(i + c) % options.Nodes.Count];
                inFlight.Add(SendAsync(contacts.Http, new Uri(node, setUp.AlertPath), key, sends, firstSent, gate, ct));
            }
            i += copies;
        }
        await Task.WhenAll(inFlight);
        var storm = clock.Elapsed;
        var after = StormCpu.Take(options.CalloutPids);

        // The last key's first pages are due as soon as its incident starts; the grace covers the
        // engine's queue behind the storm.
        await Task.Delay(options.Grace, ct);
        var pages = SinkState.ParsePages(await sink.GetStringAsync(new Uri("/_bench/pages", UriKind.Relative), ct));
        var incidents = await StormCount.IncidentsAsync(setUp.Incidents, ct);
        var engagements = await StormCount.EngagementsAsync(contacts, setUp.Incidents.Account, ct);

        return StormReport.Print(options, baseline, [.. sends], firstSent, storm, before, after, pages, incidents, engagements);
    }

    static async Task SendAsync(HttpClient http, Uri url, int key, ConcurrentQueue<Sent> sends, long[] firstSent, SemaphoreSlim gate,
        CancellationToken ct)
    {
        try
        {
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$"""{"dedupKey":"storm-{{key}}","status":"firing","title":"{{SinkState.SubjectPrefix}}{{key}}","summary":"alert storm","impact":3}"""));
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var sentAt = DateTime.UtcNow.Ticks;
            Interlocked.CompareExchange(ref firstSent[key], sentAt, 0);
            var started = Stopwatch.GetTimestamp();
            int status;
            try
            {
                using var response = await http.SendAsync(request, ct);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            sends.Enqueue(new Sent(key, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
        finally
        {
            gate.Release();
        }
    }
}

/// One alert post: its key, Callout's status code (0: no answer) and how long the answer took.
readonly record struct Sent(int Key, int Status, double Milliseconds);
