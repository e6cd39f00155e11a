using System.Globalization;
using System.Text.Json;

namespace Callout.Bench.Engine;

static class EngineBench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        var ct = CancellationToken.None;
        // Starts are open loop: enough connections that a slow answer never holds the next call back.
        using var callout = CalloutClient.Create(o.Url!, 256);
        using var sink = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Load.Workers, UseProxy = false })
        {
            BaseAddress = o.SinkUrl,
            Timeout = TimeSpan.FromMinutes(2),
        };

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sink baseline: {o.Load.Workers} senders, {o.Load.Baseline.TotalSeconds:0} s after a 1 s warm-up"));
        var sinkRate = await SinkBaseline.MeasureAsync(sink, o.Secret, o.Load.Workers, o.Load.Baseline, ct);

        var people = await People.CreateAsync(callout, sink, o.Load.People, o.Load.Channels, o.Load.Workers, ct);

        var span = TimeSpan.FromMinutes(SendAnalysis.Attempts - 1);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"starting {o.Load.Engagements} engagements over {o.Load.Ramp.TotalSeconds:0} s; sends run until {(o.Load.Ramp + span).TotalSeconds:0} s, then up to {o.Load.Grace.TotalSeconds:0} s grace"));
        var first = DateTime.UtcNow;
        var starting = EngagementLoad.RunAsync(callout, people, o.Load.Engagements, o.Load.Ramp, ct);
        var expected = (long)o.Load.Engagements * o.Load.Channels * SendAnalysis.Attempts;
        var (cpuFrom, cpuTo, gone) = await WatchAsync(o, sink, starting, expected, first, ct);
        string? cutShort = null;
        if (gone)
        {
            // The shell reports its exit status and the end of its log (bench/lib.sh, callout_alive).
            var after = (DateTime.UtcNow - first).TotalSeconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Callout (pid {o.CalloutPid}) stopped running {after:0} s after the first start"));
            // The window's sends are all in when it stopped a few seconds after the window ended;
            // StartTime is then read from the database file, which the stopped server has closed.
            if (o.DbPath is null || DateTime.UtcNow < first + TimeSpan.FromMinutes(People.StageMinutes) + TimeSpan.FromSeconds(5))
            {
                Console.Error.WriteLine("no figures: the window had not ended");
                return 1;
            }
            cutShort = string.Create(CultureInfo.InvariantCulture,
                $"CUT SHORT: Callout stopped {after:0} s after the first start; sends due after that count as missing, StartTime read from callout.db");
        }
        var started = await starting;

        var arrivals = SinkState.ParsePages(await sink.GetStringAsync(new Uri("/_bench/pages", UriKind.Relative), ct));
        var sinkState = (await sink.GetStringAsync(new Uri("/_bench/state", UriKind.Relative), ct)).Trim();
        var startMs = cutShort is null ? await StartTimesAsync(callout, started, o.Load.Workers, ct) : StartTimesFromFile(o.DbPath!, started);

        var analysis = new SendAnalysis(arrivals, startMs, o.Load.Channels);
        Report.Print(o, sinkRate, started, startMs, analysis, cpuFrom, cpuTo, sinkState, cutShort);

        if (o.ExpectFile is not null)
        {
            await File.WriteAllTextAsync(o.ExpectFile, string.Create(CultureInfo.InvariantCulture,
                $"deliveries_sent={analysis.Sends.Count + analysis.Unexpected}\nengagements={startMs.Count}\n"), ct);
        }
        if (cutShort is not null)
        {
            return 1;
        }
        var failed = started.Count(s => s.Arn is null);
        if (failed > 0 || startMs.Count < started.Length - failed || analysis.Received == 0)
        {
            Console.Error.WriteLine("the run is not a valid measurement: starts failed, engagements could not be described, or no send arrived");
            return 1;
        }
        return 0;
    }

    /// Waits until every expected send arrived or the last one is Grace overdue, printing progress,
    /// and samples the CPU over the window in which every engagement runs (all started, none ended).
    static async Task<(CpuSample? From, CpuSample? To, bool CalloutGone)> WatchAsync(BenchOptions o, HttpClient sink, Task starting, long expected, DateTime first, CancellationToken ct)
    {
        var windowFrom = first + o.Load.Ramp;
        var windowTo = first + TimeSpan.FromMinutes(People.StageMinutes);
        var giveUp = first + o.Load.Ramp + TimeSpan.FromMinutes(SendAnalysis.Attempts - 1) + o.Load.Grace;
        CpuSample? from = null, to = null;
        long lastCount = 0;
        var lastPrint = first;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var now = DateTime.UtcNow;
            if (o.CalloutPid is { } pid && !ProcessState.Running(pid))
            {
                return (from, to, true);
            }
            if (from is null && now >= windowFrom)
            {
                from = CpuSample.Take(o.CalloutPid, o.SinkPid);
            }
            if (to is null && now >= windowTo && from is not null)
            {
                to = CpuSample.Take(o.CalloutPid, o.SinkPid);
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
                return (from, to, false);
            }
        }
    }

    /// StartTime as stored (engagements.start_time, unix milliseconds), by engagement id, the last
    /// part of the ARN.
    static Dictionary<int, double> StartTimesFromFile(string db, StartedEngagement[] started)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = db,
            Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, start_time FROM engagements";
        using var reader = command.ExecuteReader();
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read())
        {
            byId[reader.GetString(0)] = reader.GetInt64(1);
        }
        var times = new Dictionary<int, double>();
        foreach (var s in started)
        {
            if (s.Arn is { } arn && byId.TryGetValue(arn[(arn.LastIndexOf('/') + 1)..], out var ms))
            {
                times[s.Index] = ms;
            }
        }
        return times;
    }

    /// StartTime of each started engagement, exact to the millisecond (epoch seconds with three
    /// decimals on the wire); read after the sends, so the reads add no load to the measurement.
    static async Task<Dictionary<int, double>> StartTimesAsync(CalloutClient callout, StartedEngagement[] started, int workers, CancellationToken ct)
    {
        var times = new System.Collections.Concurrent.ConcurrentDictionary<int, double>();
        await Parallel.ForEachAsync(started.Where(s => s.Arn is not null),
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
            async (s, token) =>
            {
                var engagement = await callout.CallAsync("DescribeEngagement", s.Person.Account,
                    $$$"""{"EngagementId":"{{{s.Arn}}}"}""", token);
                var seconds = engagement.GetProperty("StartTime");
                times[s.Index] = seconds.ValueKind == JsonValueKind.Number ? (double)(seconds.GetDecimal() * 1000m) : double.NaN;
            });
        return times.Where(t => !double.IsNaN(t.Value)).ToDictionary(t => t.Key, t => t.Value);
    }
}
