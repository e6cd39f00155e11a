using Callout.Bench.Engine;

// Usage:
//   Callout.Bench.Engine sink --secret S [--urls URL]
//   Callout.Bench.Engine run --url CALLOUT --sink SINK --secret S [--engagements 10000] [--people 1000]
//       [--channels 7] [--ramp 60] [--grace 30] [--workers 16] [--baseline 5]
//       [--callout-pid PID] [--sink-pid PID] [--clk-tck 100] [--expect FILE] [--db PATH]
//   Callout.Bench.Engine count --db PATH --expect FILE
// "sink" is the no-op webhook provider Callout pages through: it answers 200 {} to every POST and
// keeps each page's idempotency key and arrival time. "run" measures the sink alone, sets up people
// (not timed), starts the engagements at a steady pace and reports sends/s and lateness from what
// the sink saw (if Callout stops after the window, StartTime is read from --db and the run is
// marked cut short). "count" opens the database file (server stopped) and checks the delivery records.
try
{
    var options = BenchOptions.Parse(args);
    return options.Mode switch
    {
        "sink" => await Sink.RunAsync(options),
        "run" => await EngineBench.RunAsync(options),
        "count" => StoreCount.Check(options),
        _ => throw new ArgumentException($"unknown mode '{options.Mode}'"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: sink --secret S [--urls URL] | run --url URL --sink URL --secret S [options] | count --db PATH --expect FILE");
    return 2;
}
