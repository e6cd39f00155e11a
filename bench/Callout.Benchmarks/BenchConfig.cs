using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Callout.Benchmarks;

internal static class BenchConfig
{
    /// ShortRun (1 launch, 3 warm-up and 3 measured iterations) so the whole run takes a couple of
    /// minutes on 2 shared cores; more measured iterations narrow the margin when neighbours are
    /// busy. In process: no generated project is built, so nothing is compiled under the
    /// repository's warnings-as-errors settings and no restore is needed at run time.
    /// BenchmarkDotNet's own progress goes to `log`; the console gets the summary and our figures.
    public static IConfig Create(string artifacts, int iterations, ILogger log) =>
        ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithIterationCount(iterations).WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddLogger(log)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.JoinSummary);
}
