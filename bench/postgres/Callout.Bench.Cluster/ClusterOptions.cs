using System.Globalization;

namespace Callout.Bench.Cluster;

/// Nodes are the Callout servers sharing one store, with their process ids in the same order;
/// Load the engine benchmark's load (LoadOptions, shared with the one-node driver). Store is an Npgsql connection string (keywords)
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
    LoadOptions Load,
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
        var arguments = BenchArguments.Parse(args);
        string[] List(string name) => (arguments.Get(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var options = new ClusterOptions(
            arguments.Mode,
            [.. List("nodes").Select(u => new Uri(u))],
            [.. List("node-pids").Select(p => int.Parse(p, CultureInfo.InvariantCulture))],
            arguments.Get("sink") is { } sink ? new Uri(sink) : null,
            arguments.Pid("sink-pid"),
            arguments.Get("secret") ?? "",
            LoadOptions.Parse(arguments),
            arguments.Get("expect"),
            arguments.Get("store"),
            arguments.Get("activity-tag"),
            TimeSpan.FromSeconds(arguments.Number("delay", 0)),
            TimeSpan.FromSeconds(arguments.Number("seconds", 10)),
            arguments.Get("over") ?? "while sampled",
            arguments.Get("sql"));
        switch (options.Mode)
        {
            case "run" when options.Nodes.Count == 0 || options.SinkUrl is null || options.Secret.Length == 0:
                throw new ArgumentException("run needs --nodes, --sink and --secret");
            case "run" when options.NodePids.Count is > 0 && options.NodePids.Count != options.Nodes.Count:
                throw new ArgumentException("--node-pids needs one pid per node, in the order of --nodes");
            case "run" when !options.Load.Runnable:
                throw new ArgumentException(LoadOptions.RunnableRule);
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
