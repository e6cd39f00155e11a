namespace Callout.Bench;

/// Nearest-rank percentiles of a set of milliseconds, as the bench tools report them.
sealed class Latencies
{
    readonly double[] _sorted;

    public Latencies(IEnumerable<double> values)
    {
        _sorted = [.. values];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double Percentile(double p) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Min(_sorted.Length - 1, (int)(p * _sorted.Length))];

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
}
