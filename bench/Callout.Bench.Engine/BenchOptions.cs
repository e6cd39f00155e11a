using System.Globalization;

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
        int? Pid(string name) => Get(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

        var options = new BenchOptions(
            args[0],
            Get("url") is { } url ? new Uri(url) : null,
            Get("sink") is { } sink ? new Uri(sink) : null,
            Get("secret") ?? "",
            Get("urls") ?? "http://127.0.0.1:0",
            (int)Number("engagements", 10_000),
            (int)Number("people", 1_000),
            (int)Number("channels", 7),
            TimeSpan.FromSeconds(Number("ramp", 60)),
            TimeSpan.FromSeconds(Number("grace", 30)),
            (int)Number("workers", 16),
            TimeSpan.FromSeconds(Number("baseline", 5)),
            Pid("callout-pid"),
            Pid("sink-pid"),
            (int)Number("clk-tck", 100),
            Get("expect"),
            Get("db"));
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
