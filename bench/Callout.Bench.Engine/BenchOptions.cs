namespace Callout.Bench.Engine;

/// Ramp is how long the starts are spread over; Grace how long after the last send is due the run
/// still waits for sends before counting the rest as missing.
sealed record BenchOptions(
    string Mode,
    Uri? Url,
    Uri? SinkUrl,
    string Secret,
    string Urls,
    int Engagements,
    int People,
    int Channels,
    TimeSpan Ramp,
    TimeSpan Grace,
    int Workers,
    TimeSpan Baseline,
    int? CalloutPid,
    int? SinkPid,
    int ClockTicksPerSecond,
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
            (int)arguments.Number("engagements", 10_000),
            (int)arguments.Number("people", 1_000),
            (int)arguments.Number("channels", 7),
            TimeSpan.FromSeconds(arguments.Number("ramp", 60)),
            TimeSpan.FromSeconds(arguments.Number("grace", 30)),
            (int)arguments.Number("workers", 16),
            TimeSpan.FromSeconds(arguments.Number("baseline", 5)),
            arguments.Pid("callout-pid"),
            arguments.Pid("sink-pid"),
            (int)arguments.Number("clk-tck", 100),
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
        if (options.Mode == "run" && (options.Channels is < 1 or > 10 || options.People < 1 || options.Engagements < 1))
        {
            // ServiceLimits: at most 10 channels per contact and 10 targets per stage.
            throw new ArgumentException("--channels takes 1 to 10; --people and --engagements at least 1");
        }
        if (options.Mode == "count" && (options.DbPath is null || options.ExpectFile is null))
        {
            throw new ArgumentException("count needs --db and --expect");
        }
        return options;
    }
}
