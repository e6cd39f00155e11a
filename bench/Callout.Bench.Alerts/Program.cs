using Callout.Bench.Alerts;

// Usage:
//   Callout.Bench.Alerts run --url CALLOUT[,CALLOUT...] --sink SINK [--alerts 10000] [--keys 100] [--seconds 60]
//       [--contacts 2] [--channels 1] [--pairs 0.2] [--connections 64] [--grace 15] [--warm-ups 100]
//       [--callout-pids PID[,PID...]] [--clk-tck 100]
// Sets up (not timed) a plan engaging --contacts people with --channels channels each and a GENERIC
// alert source, warms every node up with --warm-ups keys of its own (StormWarmUp), then posts
// --alerts firing alerts over --seconds, keys taken in turn from --keys, a fraction --pairs of them
// sent as two identical requests at once (an HA pair of senders). Reports intake throughput and
// latency, CPU per alert, incidents and engagements made, duplicate pages, and the time from each
// key's first alert to its first page at the sink. With several nodes (comma-separated URLs, one
// store) alert i goes to node i mod N and a pair's two copies to two nodes, as an HA pair of
// Alertmanagers sends them.
try
{
    var options = StormOptions.Parse(args);
    return await AlertStorm.RunAsync(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: run --url URL --sink URL [options]");
    return 2;
}
