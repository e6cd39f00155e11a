using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Callout.Bench.Writes;

/// Counts the rows the run expects in the database file, read-only, after the server has stopped:
/// what is there survived the process, not just a cache.
static class RowCount
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

        var ok = true;
        Console.WriteLine($"== Rows in {options.DbPath} after the server stopped");
        foreach (var (table, want) in expected)
        {
            using var command = connection.CreateCommand();
            // Table names come from our own expectations file (contacts, tags), not from input.
#pragma warning disable CA2100
            command.CommandText = $"SELECT count(*) FROM {table}";
#pragma warning restore CA2100
            var rows = (long)command.ExecuteScalar()!;
            var match = rows == want;
            ok &= match;
            Console.WriteLine($"{table,-10} {rows,9} rows, {want,9} acknowledged by the server: {(match ? "all stored" : "MISMATCH")}");
        }
        return ok ? 0 : 1;
    }
}
