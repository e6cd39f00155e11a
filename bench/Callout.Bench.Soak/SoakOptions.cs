namespace Callout.Bench.Soak;

/// The soak's size: days simulated, engagements a day, and where the server and its file are.
sealed record SoakOptions(Uri Url, string DbPath, int Days, int PerDay, int MonthDays, int People, int Workers, double AckShare,
    int ProbesPerDay, int RetentionDays)
{
    public static SoakOptions Parse(string[] args)
    {
        var a = BenchArguments.Parse(args);
        if (a.Mode != "run")
        {
            throw new ArgumentException($"unknown mode '{a.Mode}'");
        }
        var options = new SoakOptions(
            new Uri(a.Get("url") ?? throw new ArgumentException("run needs --url")),
            a.Get("db") ?? throw new ArgumentException("run needs --db"),
            (int)a.Number("days", 365),
            (int)a.Number("per-day", 1000),
            (int)a.Number("month-days", 30),
            (int)a.Number("people", 20),
            (int)a.Number("workers", 8),
            a.Number("ack-share", 0.8),
            (int)a.Number("probes", 20),
            (int)a.Number("retention-days", 90));
        return options.Days < 1 || options.PerDay < 24 || options.MonthDays < 1 || options.People < 1 || options.Workers < 1
            || options.AckShare is < 0 or > 1
            ? throw new ArgumentException("days, month-days, people and workers must be at least 1, per-day at least 24, ack-share 0..1")
            : options;
    }
}
