namespace Callout.Bench.Engine;

/// Matches what the sink saw with what the plans call for. Each started engagement should bring
/// `channels` pages, each sent at attempts 0 to Attempts - 1, each attempt once; its key is
/// "{pageId}:{attempt}" (StepProcessor) and it is due at StartTime + attempt × 1 minute (the
/// stage starts at t0; RetryIntervalInMinutes is 1).
sealed class SendAnalysis
{
    /// EngineSettings.MaxRetries (3) + the first send.
    public const int Attempts = 4;
    const double MinuteMs = 60_000;

    public List<Send> Sends { get; } = [];

    /// When each send that never arrived was due, in unix milliseconds.
    public List<double> MissingDueMs { get; } = [];
    public long Received { get; private set; }
    public long Duplicates { get; private set; }
    public long Unexpected { get; private set; }
    public long Expected { get; private set; }
    public long Missing => MissingDueMs.Count;

    public SendAnalysis(IReadOnlyList<PageArrival> arrivals, IReadOnlyDictionary<int, double> startMs, int channels)
    {
        Received = arrivals.Count;
        Expected = (long)startMs.Count * channels * Attempts;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pagesOf = new Dictionary<int, HashSet<string>>();
        var perAttempt = new Dictionary<(int Engagement, int Attempt), int>();
        foreach (var arrival in arrivals.OrderBy(a => a.ArrivedTicks))
        {
            if (!seen.Add(arrival.Key))
            {
                Duplicates++;
                continue;
            }
            var colon = arrival.Key.LastIndexOf(':');
            if (colon < 0 || !int.TryParse(arrival.Key.AsSpan(colon + 1), out var attempt) || attempt is < 0 or >= Attempts
                || !startMs.TryGetValue(arrival.Engagement, out var t0))
            {
                Unexpected++;
                continue;
            }
            if (!pagesOf.TryGetValue(arrival.Engagement, out var pages))
            {
                pagesOf[arrival.Engagement] = pages = new HashSet<string>(StringComparer.Ordinal);
            }
            pages.Add(arrival.Key[..colon]);
            if (pages.Count > channels)
            {
                // A page the plan does not have.
                Unexpected++;
                continue;
            }
            perAttempt[(arrival.Engagement, attempt)] = perAttempt.GetValueOrDefault((arrival.Engagement, attempt)) + 1;
            Sends.Add(new Send(t0 + (attempt * MinuteMs), ToUnixMs(arrival.ArrivedTicks)));
        }
        foreach (var (engagement, t0) in startMs)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var missing = channels - perAttempt.GetValueOrDefault((engagement, attempt));
                for (var m = 0; m < missing; m++)
                {
                    MissingDueMs.Add(t0 + (attempt * MinuteMs));
                }
            }
        }
    }

    public static double ToUnixMs(long ticks) => (ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond;
}
