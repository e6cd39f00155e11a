using System.Globalization;

namespace Callout.Bench.Writes;

/// TagContacts limits TagResource to the first N contacts created (0: all of them), so each one
/// soon holds the 40 keys and every call rewrites a full tag set.
sealed record BenchOptions(string Mode, Uri? Url, int Workers, double Seconds, double WarmupSeconds, string? ExpectFile, string? DbPath, int TagContacts)
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

        var options = new BenchOptions(
            args[0],
            Get("url") is { } url ? new Uri(url) : null,
            (int)Number("workers", 16),
            Number("seconds", 10),
            Number("warmup", 2),
            Get("expect"),
            Get("db"),
            (int)Number("tag-contacts", 0));
        if (options.Mode == "run" && options.Url is null)
        {
            throw new ArgumentException("run needs --url");
        }
        if (options.Mode == "count" && (options.DbPath is null || options.ExpectFile is null))
        {
            throw new ArgumentException("count needs --db and --expect");
        }
        return options;
    }
}
