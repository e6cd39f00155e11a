namespace Callout.Bench.Engine;

/// One expected page send that arrived: when it was due (engagement StartTime + attempt minutes)
/// and when it first reached the sink, both in unix milliseconds.
readonly record struct Send(double DueMs, double ArrivedMs)
{
    public double LatenessMs => ArrivedMs - DueMs;
}
