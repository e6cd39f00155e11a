namespace Callout.Bench.Writes;

/// TagContacts limits TagResource to the first N contacts created (0: all of them), so each one
/// soon holds the 40 keys and every call rewrites a full tag set.
sealed record BenchOptions(string Mode, Uri? Url, int Workers, double Seconds, double WarmupSeconds, string? ExpectFile, string? DbPath, int TagContacts)
{
    public static BenchOptions Parse(string[] args)
    {
        var arguments = BenchArguments.Parse(args);

        var options = new BenchOptions(
            arguments.Mode,
            arguments.Get("url") is { } url ? new Uri(url) : null,
            (int)arguments.Number("workers", 16),
            arguments.Number("seconds", 10),
            arguments.Number("warmup", 2),
            arguments.Get("expect"),
            arguments.Get("db"),
            (int)arguments.Number("tag-contacts", 0));
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
