using Callout.Bench.Cluster;

// Usage:
//   Callout.Bench.Cluster run --nodes URL,URL --sink SINK --secret S [--node-pids PID,PID] [--sink-pid PID]
//       [--engagements 10000] [--people 1000] [--channels 7] [--ramp 60] [--grace 30] [--workers 16]
//       [--baseline 5] [--clk-tck 100] [--expect FILE] [--store CONNECTION] [--activity-tag TAG]
//   Callout.Bench.Cluster count --store CONNECTION --sink SINK [--expect FILE]
//   Callout.Bench.Cluster activity --store CONNECTION --activity-tag TAG [--delay 0] [--seconds 10] [--over TEXT]
//   Callout.Bench.Cluster sql --store CONNECTION --sql "STATEMENT"
// "run" drives the engine benchmark of bench/Callout.Bench.Engine through several nodes of one
// store: set-up through the first node, engagement i started through node i mod N and described
// through the next one; then the same figures, plus CPU per node and of PostgreSQL.
// "count" reads the schema after the nodes stopped and checks the delivery records against the sink. "activity"
// samples what the sessions whose Application Name starts "TAG/" are doing, once a second. "sql" runs one
// statement and prints its rows tab-separated (the scripts create, count and drop with it).
try
{
    var options = ClusterOptions.Parse(args);
    return options.Mode switch
    {
        "run" => await ClusterBench.RunAsync(options),
        "count" => await StoreCheck.CheckAsync(options),
        "activity" => await PgActivity.RunAsync(options),
        "sql" => await StoreCheck.SqlAsync(options),
        _ => throw new ArgumentException($"unknown mode '{options.Mode}'"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: run --nodes URL,URL --sink URL --secret S [options] | count --store CS --sink URL | activity --store CS --activity-tag TAG [--delay S] [--seconds S] | sql --store CS --sql TEXT");
    return 2;
}
