using Callout.Bench;

namespace Callout.Bench.Alerts;

/// The storm's shape (Program.cs lists the options).
sealed record StormOptions(
    IReadOnlyList<Uri> Nodes,
    Uri SinkUrl,
    int Alerts,
    int Keys,
    TimeSpan Duration,
    int Contacts,
    int Channels,
    double Pairs,
    int Connections,
    TimeSpan Grace,
    int WarmUps,
    IReadOnlyList<int> CalloutPids,
    int ClockTicksPerSecond)
{
    /// The node set-up and the final count go through.
    public Uri Url => Nodes[0];

    public static StormOptions Parse(string[] args)
    {
        var a = BenchArguments.Parse(args);
        if (a.Mode != "run")
        {
            throw new ArgumentException($"unknown mode '{a.Mode}'");
        }
        var url = a.Get("url") ?? throw new ArgumentException("run needs --url");
        var sink = a.Get("sink") ?? throw new ArgumentException("run needs --sink");
        var options = new StormOptions(
            url.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToList(),
            new Uri(sink),
            (int)a.Number("alerts", 10_000),
            (int)a.Number("keys", 100),
            TimeSpan.FromSeconds(a.Number("seconds", 60)),
            (int)a.Number("contacts", 2),
            (int)a.Number("channels", 1),
            a.Number("pairs", 0.2),
            (int)a.Number("connections", 64),
            TimeSpan.FromSeconds(a.Number("grace", 15)),
            (int)a.Number("warm-ups", 100),
            (a.Get("callout-pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(pid => int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            (int)a.Number("clk-tck", 100));
        // A response plan engages at most 5 contacts; a stage targets at most 10 channels.
        if (options.Alerts < options.Keys || options.Keys < 1 || options.Contacts is < 1 or > 5 || options.Channels is < 1 or > 10
            || options.Pairs is < 0 or > 1 || options.WarmUps < 0)
        {
            throw new ArgumentException("--alerts >= --keys >= 1, --contacts 1-5, --channels 1-10, --pairs 0-1, --warm-ups >= 0");
        }
        return options;
    }
}
