using System.Globalization;

namespace Callout.Bench.Cluster;

/// Nodes are the Callout servers sharing one store, with their process ids in the same order;
/// Ramp is how long the starts are spread over; Grace how long after the last send is due the run
/// still waits before counting the rest as missing. Store is an Npgsql connection string (keywords)
/// naming the schema with Search Path; ActivityTag the start of the nodes' Application Name, by
/// which their sessions are found in pg_stat_activity. Delay, Length and Over are for the
/// activity mode: wait, sample for that long, and say what was sampled.
sealed record ClusterOptions(
    string Mode,
    IReadOnlyList<Uri> Nodes,
    IReadOnlyList<int> NodePids,
    Uri? SinkUrl,
    int? SinkPid,
    string Secret,
    int Engagements,
    int People,
    int Channels,
    TimeSpan Ramp,
    TimeSpan Grace,
    int Workers,
    TimeSpan Baseline,
    int ClockTicksPerSecond,
    string? ExpectFile,
    string? Store,
    string? ActivityTag,
    TimeSpan Delay,
    TimeSpan Length,
    string Over,
    string? Sql)
{
    public static ClusterOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("missing mode");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"bad argument '{args[i]}'");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        double Number(string name, double fallback) =>
            Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        string[] List(string name) => (Get(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var options = new ClusterOptions(
            args[0],
            [.. List("nodes").Select(u => new Uri(u))],
            [.. List("node-pids").Select(p => int.Parse(p, CultureInfo.InvariantCulture))],
            Get("sink") is { } sink ? new Uri(sink) : null,
            Get("sink-pid") is { Length: > 0 } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Get("secret") ?? "",
            (int)Number("engagements", 10_000),
            (int)Number("people", 1_000),
            (int)Number("channels", 7),
            TimeSpan.FromSeconds(Number("ramp", 60)),
            TimeSpan.FromSeconds(Number("grace", 30)),
            (int)Number("workers", 16),
            TimeSpan.FromSeconds(Number("baseline", 5)),
            (int)Number("clk-tck", 100),
            Get("expect"),
            Get("store"),
            Get("activity-tag"),
            TimeSpan.FromSeconds(Number("delay", 0)),
            TimeSpan.FromSeconds(Number("seconds", 10)),
            Get("over") ?? "while sampled",
            Get("sql"));
        switch (options.Mode)
        {
            case "run" when options.Nodes.Count == 0 || options.SinkUrl is null || options.Secret.Length == 0:
                throw new ArgumentException("run needs --nodes, --sink and --secret");
            case "run" when options.NodePids.Count is > 0 && options.NodePids.Count != options.Nodes.Count:
                throw new ArgumentException("--node-pids needs one pid per node, in the order of --nodes");
            case "run" when options.Channels is < 1 or > 10 || options.People < 1 || options.Engagements < 1:
                // ServiceLimits: at most 10 channels per contact and 10 targets per stage.
                throw new ArgumentException("--channels takes 1 to 10; --people and --engagements at least 1");
            case "count" when options.Store is null || (options.ExpectFile is null && options.SinkUrl is null):
                throw new ArgumentException("count needs --store, and --sink (or --expect)");
            case "activity" when options.Store is null || options.ActivityTag is null:
                throw new ArgumentException("activity needs --store and --activity-tag");
            case "sql" when options.Store is null || options.Sql is null:
                throw new ArgumentException("sql needs --store and --sql");
            default:
                return options;
        }
    }
}
