using System.Globalization;

namespace Callout.Bench.Soak;

/// Prints one Markdown row per simulated month, then whether size and latencies stayed flat once
/// the retention window was full.
sealed class SoakReport(SoakOptions o)
{
    sealed record Row(int Day, long DbBytes, long WalBytes, double StartP50, double StartP99, double GetP50, double GetP99,
        double ListP50, double ListP99);

    readonly List<Row> _rows = [];

    public void Header()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {o.Days} days of {o.PerDay} engagements/day on the virtual clock, {o.AckShare:P0} acknowledged, --retention {o.RetentionDays}, {o.People} people, {o.Workers} workers"));
        Console.WriteLine("| day | callout.db MB | -wal MB | engagements started | StartEngagement p50 / p99 ms | GetContact p50 / p99 ms | ListEngagements p50 / p99 ms | purge ms/day (mean, max) | engagements purged/day | outbox purged/day | wall s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    }

    public void Month(int day, MonthTally m, long db, long wal, long started, TimeSpan wall)
    {
        Latencies starts = new(m.Starts), gets = new(m.GetContact), lists = new(m.ListEngagements);
        var row = new Row(day, db, wal, starts.Percentile(0.5), starts.Percentile(0.99), gets.Percentile(0.5), gets.Percentile(0.99),
            lists.Percentile(0.5), lists.Percentile(0.99));
        _rows.Add(row);
        var purgeMs = m.PurgeDays.Select(p => p.Seconds * 1000).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {day} | {db / 1e6:0.0} | {wal / 1e6:0.0} | {started} | {row.StartP50:0.00} / {row.StartP99:0.00} | {row.GetP50:0.00} / {row.GetP99:0.00} | {row.ListP50:0.00} / {row.ListP99:0.00} | {purgeMs.Average():0.0}, {purgeMs.Max():0.0} | {m.PurgeDays.Average(p => p.Engagements):0} | {m.PurgeDays.Average(p => p.Outbox):0} | {wall.TotalSeconds:0} |"));
    }

    /// Over the months that began after the window filled.
    public int Verdict()
    {
        var after = _rows.Where(r => r.Day - o.MonthDays >= o.RetentionDays + 1).ToList();
        if (after.Count < 2)
        {
            Console.WriteLine("fewer than two months after the retention window filled: no flatness figures");
            return 0;
        }
        double Ratio(Func<Row, double> f) => after.Max(f) / after.Min(f);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after the window (from day {after[0].Day - o.MonthDays + 1}, {after.Count} months): callout.db max/min {Ratio(r => r.DbBytes):0.00}; "
            + $"p50 max/min StartEngagement {Ratio(r => r.StartP50):0.00}, GetContact {Ratio(r => r.GetP50):0.00}, ListEngagements {Ratio(r => r.ListP50):0.00}; "
            + $"last/first p50 StartEngagement {after[^1].StartP50 / after[0].StartP50:0.00}, GetContact {after[^1].GetP50 / after[0].GetP50:0.00}, ListEngagements {after[^1].ListP50 / after[0].ListP50:0.00}"));
        var grew = after[^1].DbBytes > after[0].DbBytes * 1.10;
        Console.WriteLine(grew ? "callout.db grew by more than 10% after the window: MISSED" : "callout.db flat (within 10%) after the window: met");
        return 0;
    }
}
