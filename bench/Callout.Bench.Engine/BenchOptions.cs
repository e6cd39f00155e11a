namespace Callout.Bench.Engine;

/// The mode's addresses and files, and the load (LoadOptions, shared with the cluster driver).
sealed record BenchOptions(
    string Mode,
    Uri? Url,
    Uri? SinkUrl,
    string Secret,
    string Urls,
    LoadOptions Load,
    int? CalloutPid,
    int? SinkPid,
    string? ExpectFile,
    string? DbPath)
{
    public static BenchOptions Parse(string[] args)
    {
        var arguments = BenchArguments.Parse(args);

        var options = new BenchOptions(
            arguments.Mode,
            arguments.Get("url") is { } url ? new Uri(url) : null,
            arguments.Get("sink") is { } sink ? new Uri(sink) : null,
            arguments.Get("secret") ?? "",
            arguments.Get("urls") ?? "http://127.0.0.1:0",
            LoadOptions.Parse(arguments),
            arguments.Pid("callout-pid"),
            arguments.Pid("sink-pid"),
            arguments.Get("expect"),
            arguments.Get("db"));
        if (options.Mode is "sink" or "run" && options.Secret.Length == 0)
        {
            throw new ArgumentException($"{options.Mode} needs --secret");
        }
        if (options.Mode == "run" && (options.Url is null || options.SinkUrl is null))
        {
            throw new ArgumentException("run needs --url and --sink");
        }
        if (options.Mode == "run" && !options.Load.Runnable)
        {
            throw new ArgumentException(LoadOptions.RunnableRule);
        }
        if (options.Mode == "count" && (options.DbPath is null || options.ExpectFile is null))
        {
            throw new ArgumentException("count needs --db and --expect");
        }
        return options;
    }
}
