using Callout.Bench.Writes;

// Usage:
//   Callout.Bench.Writes run --url URL [--workers 16] [--seconds 10] [--warmup 2] [--expect FILE] [--tag-contacts N]
//   Callout.Bench.Writes count --db PATH --expect FILE
// "run" measures GET /health/live (the framework ceiling), CreateContact and TagResource with N workers,
// each for a fixed time after an unreported warm-up, and writes the rows it expects to FILE.
// "count" opens the database file (server stopped) and checks those rows are there.
try
{
    var options = BenchOptions.Parse(args);
    return options.Mode switch
    {
        "run" => await WriteBench.RunAsync(options),
        "count" => RowCount.Check(options),
        _ => throw new ArgumentException($"unknown mode '{options.Mode}'"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: run --url URL [--workers N] [--seconds S] [--warmup S] [--expect FILE] [--tag-contacts N] | count --db PATH --expect FILE");
    return 2;
}
