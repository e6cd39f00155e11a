namespace Callout.Bench.Engine;

/// The window of a run and its figures. Every engagement runs from its own t0 to
/// t0 + StageMinutes, so all of them run between the last t0 and the first end.
sealed class SendWindow
{
    public SendWindow(IReadOnlyDictionary<int, double> startMs, SendAnalysis a)
    {
        FirstT0 = startMs.Values.DefaultIfEmpty(0).Min();
        From = startMs.Values.DefaultIfEmpty(0).Max();
        To = FirstT0 + (People.StageMinutes * 60_000.0);
        Seconds = Math.Max(0, (To - From) / 1000);
        Offered = Seconds > 0 ? (a.Sends.Count(s => Contains(s.DueMs)) + a.MissingDueMs.Count(Contains)) / Seconds : double.NaN;
        Delivered = Seconds > 0 ? a.Sends.Count(s => Contains(s.ArrivedMs)) / Seconds : double.NaN;
        Late = new Latencies(a.Sends.Where(s => Contains(s.DueMs)).Select(s => s.LatenessMs));
        LateAll = new Latencies(a.Sends.Select(s => s.LatenessMs));
    }

    public double FirstT0 { get; }
    public double From { get; }
    public double To { get; }
    public double Seconds { get; }

    /// Sends due in the window, per second.
    public double Offered { get; }

    /// Sends that arrived in the window, per second.
    public double Delivered { get; }

    /// Lateness of the sends due in the window.
    public Latencies Late { get; }

    /// Lateness of every send of the run.
    public Latencies LateAll { get; }

    public bool Contains(double ms) => ms >= From && ms < To;
}
