using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Callout.Bench.Engine;
using Npgsql;

namespace Callout.Bench.Cluster;

static class ClusterBench
{
    public static async Task<int> RunAsync(ClusterOptions o)
    {
        var ct = CancellationToken.None;
        // Starts are open loop: enough connections that a slow answer never holds the next call back.
        var nodes = o.Nodes.Select(url => CalloutClient.Create(url, 256)).ToArray();
        using var sink = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Load.Workers, UseProxy = false })
        {
            BaseAddress = o.SinkUrl,
            Timeout = TimeSpan.FromMinutes(2),
        };
        try
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sink baseline: {o.Load.Workers} senders, {o.Load.Baseline.TotalSeconds:0} s after a 1 s warm-up"));
            var sinkRate = await SinkBaseline.MeasureAsync(sink, o.Secret, o.Load.Workers, o.Load.Baseline, ct);

            // Set-up through the first node; the others see it through the shared store.
            var people = await People.CreateAsync(nodes[0], sink, o.Load.People, o.Load.Channels, o.Load.Workers, ct);
            var sentBefore = await Task.WhenAll(nodes.Select(PagesSentAsync));

            var span = TimeSpan.FromMinutes(SendAnalysis.Attempts - 1);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"starting {o.Load.Engagements} engagements through {nodes.Length} nodes over {o.Load.Ramp.TotalSeconds:0} s; sends run until {(o.Load.Ramp + span).TotalSeconds:0} s, then up to {o.Load.Grace.TotalSeconds:0} s grace"));
            await using var activity = o.Store is not null && o.ActivityTag is not null ? new PgActivity(o.Store, o.ActivityTag, "over the window") : null;
            if (activity is not null)
            {
                await activity.OpenAsync(ct);
            }
            var first = DateTime.UtcNow;
            var starting = ClusterLoad.RunAsync(nodes, people, o.Load.Engagements, o.Load.Ramp, ct);
            var expected = (long)o.Load.Engagements * o.Load.Channels * SendAnalysis.Attempts;
            var watch = await WatchAsync(o, sink, activity, starting, expected, first, ct);
            var started = await starting;

            var arrivals = SinkState.ParsePages(await sink.GetStringAsync(new Uri("/_bench/pages", UriKind.Relative), ct));
            var sinkState = (await sink.GetStringAsync(new Uri("/_bench/state", UriKind.Relative), ct)).Trim();
            var alive = Enumerable.Range(0, nodes.Length).Where(n => !watch.Gone.ContainsKey(n)).ToArray();
            var sentAfter = await Task.WhenAll(nodes.Select((n, i) => alive.Contains(i) ? PagesSentAsync(n) : Task.FromResult(double.NaN)));
            var startMs = alive.Length > 0
                ? await StartTimesAsync(nodes, alive, started, o.Load.Workers, ct)
                : o.Store is not null ? await StartTimesFromStoreAsync(o.Store, started, ct) : [];

            var analysis = new SendAnalysis(arrivals, startMs, o.Load.Channels);
            ClusterReport.Print(o, sinkRate, started, startMs, analysis, watch.From, watch.To, sinkState,
                [.. sentAfter.Zip(sentBefore, (a, b) => a - b)], watch.Gone, watch.Activity);

            if (o.ExpectFile is not null)
            {
                await File.WriteAllTextAsync(o.ExpectFile, string.Create(CultureInfo.InvariantCulture,
                    $"deliveries_sent={analysis.Sends.Count + analysis.Unexpected}\nengagements={startMs.Count}\nduplicates={analysis.Duplicates}\n"), ct);
            }
            var failed = started.Count(s => s.Started.Arn is null);
            if (watch.Gone.Count > 0 || failed > 0 || startMs.Count < started.Length - failed || analysis.Received == 0)
            {
                Console.Error.WriteLine("the run is not a valid measurement: a node exited, starts failed, engagements could not be described, or no send arrived");
                return 1;
            }
            return 0;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    sealed record Watch(ClusterCpu? From, ClusterCpu? To, Dictionary<int, double> Gone, IReadOnlyList<string> Activity);

    /// Waits until every expected send arrived or the last one is Grace overdue, printing progress,
    /// and samples the CPU over the window in which every engagement runs (all started, none ended).
    /// A node that exits is noted (seconds after the first start) and the run carries on with the
    /// others, which take over its work when its leases run out; it ends early only if none is left.
    static async Task<Watch> WatchAsync(ClusterOptions o, HttpClient sink, PgActivity? activity, Task starting, long expected, DateTime first, CancellationToken ct)
    {
        var windowFrom = first + o.Load.Ramp;
        var windowTo = first + TimeSpan.FromMinutes(People.StageMinutes);
        var giveUp = first + o.Load.Ramp + TimeSpan.FromMinutes(SendAnalysis.Attempts - 1) + o.Load.Grace;
        var gone = new Dictionary<int, double>();
        ClusterCpu? from = null, to = null;
        long lastCount = 0;
        var lastPrint = first;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var now = DateTime.UtcNow;
            for (var n = 0; n < o.NodePids.Count; n++)
            {
                if (!gone.ContainsKey(n) && !ProcessState.Running(o.NodePids[n]))
                {
                    gone[n] = (now - first).TotalSeconds;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"node {Name(n)} (pid {o.NodePids[n]}) stopped running {gone[n]:0} s after the first start"));
                }
            }
            if (o.NodePids.Count > 0 && gone.Count == o.NodePids.Count)
            {
                return new Watch(from, to, gone, activity?.Lines().ToArray() ?? []);
            }
            if (from is null && now >= windowFrom)
            {
                from = ClusterCpu.Take(o.NodePids, o.SinkPid);
            }
            if (to is null && now >= windowTo && from is not null)
            {
                to = ClusterCpu.Take(o.NodePids, o.SinkPid);
            }
            if (activity is not null && from is not null && to is null)
            {
                await activity.SampleAsync(ct);
            }
            var count = SinkState.PageCountOf(await sink.GetStringAsync(new Uri("/_bench/state", UriKind.Relative), ct));
            if (now - lastPrint >= TimeSpan.FromSeconds(15))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t+{(now - first).TotalSeconds,4:0} s: {count,8:N0} of {expected:N0} sends arrived, {(count - lastCount) / (now - lastPrint).TotalSeconds,6:N0}/s over the last {(now - lastPrint).TotalSeconds:0} s"));
                lastCount = count;
                lastPrint = now;
            }
            if ((starting.IsCompleted && count >= expected) || now >= giveUp)
            {
                return new Watch(from, to, gone, activity?.Lines().ToArray() ?? []);
            }
        }
    }

    public static string Name(int node) => ((char)('A' + node)).ToString();

    /// Pages the node's engine has sent so far: the sum of its callout_engine_pages_sent_total counter
    /// over channels and outcomes (GET /metrics); NaN if the node does not answer.
    static async Task<double> PagesSentAsync(CalloutClient node)
    {
        try
        {
            var text = await node.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return text.Split('\n')
                .Where(line => line.StartsWith("callout_engine_pages_sent_total{", StringComparison.Ordinal) && line.Contains("outcome=\"sent\"", StringComparison.Ordinal))
                .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return double.NaN;
        }
    }

    /// StartTime of each started engagement (epoch seconds with three decimals on the wire), read
    /// after the sends through a node other than the one that started it (when one is left), so
    /// the reads add no load to the measurement and each one crosses nodes.
    static async Task<Dictionary<int, double>> StartTimesAsync(
        CalloutClient[] nodes, int[] alive, (StartedEngagement Started, int Node)[] started, int workers, CancellationToken ct)
    {
        var times = new ConcurrentDictionary<int, double>();
        await Parallel.ForEachAsync(started.Where(s => s.Started.Arn is not null),
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
            async (s, token) =>
            {
                var reader = alive.FirstOrDefault(n => n != s.Node, alive[0]);
                var engagement = await nodes[reader].CallAsync("DescribeEngagement", s.Started.Person.Account,
                    $$$"""{"EngagementId":"{{{s.Started.Arn}}}"}""", token);
                var seconds = engagement.GetProperty("StartTime");
                times[s.Started.Index] = seconds.ValueKind == JsonValueKind.Number ? (double)(seconds.GetDecimal() * 1000m) : double.NaN;
            });
        return times.Where(t => !double.IsNaN(t.Value)).ToDictionary(t => t.Key, t => t.Value);
    }

    /// StartTime as stored (engagements.start_time, unix milliseconds), when no node is left to ask.
    static async Task<Dictionary<int, double>> StartTimesFromStoreAsync(string store, (StartedEngagement Started, int Node)[] started, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT id, start_time FROM engagements", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            byId[reader.GetString(0)] = reader.GetInt64(1);
        }
        var times = new Dictionary<int, double>();
        foreach (var (s, _) in started)
        {
            if (s.Arn is { } arn && byId.TryGetValue(arn[(arn.LastIndexOf('/') + 1)..], out var ms))
            {
                times[s.Index] = ms;
            }
        }
        return times;
    }
}
