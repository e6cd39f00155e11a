using Callout.Bench.Soak;

// Usage:
//   Callout.Bench.Soak run --url CALLOUT --db PATH/callout.db [--days 365] [--per-day 1000] [--month-days 30]
//       [--people 20] [--workers 8] [--ack-share 0.8] [--probes 20] [--retention-days 90]
// Drives a server started with --clock virtual (and --retention; --retention-days only labels the
// report) through the simulated days, printing one Markdown row per simulated month.
try
{
    return await SoakRun.RunAsync(SoakOptions.Parse(args), CancellationToken.None);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: run --url URL --db PATH [--days N] [--per-day N] [--month-days N] [--people N] [--workers N] [--ack-share F] [--probes N] [--retention-days N]");
    return 2;
}
