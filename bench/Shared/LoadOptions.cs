namespace Callout.Bench;

/// The engine benchmark's load, the same on one node and on several: Engagements started evenly
/// over Ramp, engagement i paging person i mod People on Channels channels; Grace is how long
/// after the last send is due the run still waits for sends before counting the rest as missing.
/// Workers and Baseline size the sink's baseline; ClockTicksPerSecond reads CPU times in /proc.
sealed record LoadOptions(
    int Engagements,
    int People,
    int Channels,
    TimeSpan Ramp,
    TimeSpan Grace,
    int Workers,
    TimeSpan Baseline,
    int ClockTicksPerSecond)
{
    public static LoadOptions Parse(BenchArguments arguments) => new(
        (int)arguments.Number("engagements", 10_000),
        (int)arguments.Number("people", 1_000),
        (int)arguments.Number("channels", 7),
        TimeSpan.FromSeconds(arguments.Number("ramp", 60)),
        TimeSpan.FromSeconds(arguments.Number("grace", 30)),
        (int)arguments.Number("workers", 16),
        TimeSpan.FromSeconds(arguments.Number("baseline", 5)),
        (int)arguments.Number("clk-tck", 100));

    /// Whether a run can be made of it: ServiceLimits allow at most 10 channels per contact and
    /// 10 targets per stage.
    public bool Runnable => Channels is >= 1 and <= 10 && People >= 1 && Engagements >= 1;

    public const string RunnableRule = "--channels takes 1 to 10; --people and --engagements at least 1";
}
