using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Callout.Bench.Engine;

/// After the server has stopped, reads the database file: each send the sink received should be a
/// SENT delivery record (StepProcessor writes PENDING, calls the provider, then SENT), and none
/// should be left PENDING or UNKNOWN when the provider always answered.
static class StoreCount
{
    public static int Check(BenchOptions options)
    {
        var expected = File.ReadAllLines(options.ExpectFile!)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = options.DbPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();

        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"== Rows in {options.DbPath} after the server stopped");
        var byStatus = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT status, count(*) FROM deliveries GROUP BY status ORDER BY status";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                byStatus.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0}");
            }
        }
        var sent = Scalar("SELECT count(*) FROM deliveries WHERE status = 'SENT'");
        var want = expected.GetValueOrDefault("deliveries_sent");
        Console.WriteLine($"deliveries: {string.Join(", ", byStatus)}; the sink received {want:N0} distinct sends: {(sent == want ? "all recorded SENT" : "MISMATCH")}");
        Console.WriteLine($"engagements {Scalar("SELECT count(*) FROM engagements"):N0} ({Scalar("SELECT count(*) FROM engagements WHERE stop_time IS NOT NULL"):N0} ended), " +
            $"pages {Scalar("SELECT count(*) FROM pages"):N0}, receipts {Scalar("SELECT count(*) FROM receipts"):N0}, " +
            $"steps {Scalar("SELECT count(*) FROM steps"):N0} ({Scalar("SELECT count(*) FROM steps WHERE done = 0"):N0} pending)");
        // Nothing is pruned (done steps, receipts and delivery records stay), so this is what a
        // send costs on disk for good.
        var bytes = new FileInfo(options.DbPath!).Length;
        var engagements = Scalar("SELECT count(*) FROM engagements");
        Console.WriteLine($"callout.db: {bytes / 1048576.0:0} MB, {(sent > 0 ? bytes / (double)sent : 0):0} bytes per send, {(engagements > 0 ? bytes / 1024.0 / engagements : 0):0.0} KB per engagement");
        return sent == want ? 0 : 1;
    }
}
