using System.Globalization;
using Npgsql;

namespace Callout.Bench.Cluster;

/// After the nodes have stopped (the sink still running), compares the schema they shared with
/// what the sink received, key by key. StepProcessor records a send PENDING, calls the provider,
/// then records it SENT, with the idempotency key the sink saw ("{pageId}:{attempt}"). So every
/// SENT record's key should have reached the sink; every key the sink has should be SENT, or
/// PENDING when a node was stopped between the call and the record; no key should have arrived
/// twice (counted again here, so sends after the driver's analysis count too); and when no step
/// is left, nothing should be PENDING or UNKNOWN. Also: how the nodes split the steps (lease_owner
/// is the node that claimed a step last) and the schema's size.
static class StoreCheck
{
    public static async Task<int> CheckAsync(ClusterOptions options)
    {
        await using var connection = new NpgsqlConnection(options.Store);
        await connection.OpenAsync();

        async Task<long> ScalarAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        var schema = (await RowsAsync(connection, "SELECT current_schema()"))[0][0];
        Console.WriteLine($"== Rows in PostgreSQL schema {schema} after the nodes stopped");
        var byStatus = await RowsAsync(connection, "SELECT status, count(*) FROM deliveries GROUP BY status ORDER BY status");
        Console.WriteLine($"deliveries: {string.Join(", ", byStatus.Select(r => $"{r[0]} {long.Parse(r[1], CultureInfo.InvariantCulture):N0}"))}");
        var pendingSteps = await ScalarAsync("SELECT count(*) FROM steps WHERE NOT done");
        Console.WriteLine($"engagements {await ScalarAsync("SELECT count(*) FROM engagements"):N0} ({await ScalarAsync("SELECT count(*) FROM engagements WHERE stop_time IS NOT NULL"):N0} ended), " +
            $"pages {await ScalarAsync("SELECT count(*) FROM pages"):N0}, receipts {await ScalarAsync("SELECT count(*) FROM receipts"):N0}, " +
            $"steps {await ScalarAsync("SELECT count(*) FROM steps"):N0} ({pendingSteps:N0} pending)");

        var ok = true;
        if (options.SinkUrl is not null)
        {
            ok = await CompareWithSinkAsync(connection, options.SinkUrl, pendingSteps);
        }
        else if (options.ExpectFile is not null)
        {
            // Without the sink: the count of distinct sends the driver saw.
            var want = File.ReadAllLines(options.ExpectFile)
                .Select(line => line.Split('=', 2))
                .Where(parts => parts is ["deliveries_sent", _])
                .Select(parts => long.Parse(parts[1], CultureInfo.InvariantCulture)).FirstOrDefault();
            var sent = await ScalarAsync("SELECT count(*) FROM deliveries WHERE status = 'SENT'");
            ok = sent == want;
            Console.WriteLine($"SENT records {sent:N0}; the driver saw {want:N0} distinct sends: {(ok ? "match" : "MISMATCH")}");
        }

        // A step's lease owner is "<node id>/<claim number>"; the node is what counts here.
        var owners = await RowsAsync(connection, """
            SELECT coalesce(split_part(lease_owner, '/', 1), '(never claimed)'), count(*) FILTER (WHERE kind = 'SEND_PAGE'), count(*) FILTER (WHERE kind = 'FINISH')
            FROM steps WHERE done GROUP BY 1 ORDER BY 1
            """);
        Console.WriteLine("steps done, by the node that claimed them: " +
            string.Join("; ", owners.Select(r => $"{r[0]}: {long.Parse(r[1], CultureInfo.InvariantCulture):N0} sends, {long.Parse(r[2], CultureInfo.InvariantCulture):N0} ends")));
        var bytes = await ScalarAsync("""
            SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0)
            FROM pg_tables WHERE schemaname = current_schema()
            """);
        var sentRows = await ScalarAsync("SELECT count(*) FROM deliveries WHERE status = 'SENT'");
        var engagements = await ScalarAsync("SELECT count(*) FROM engagements");
        Console.WriteLine($"schema size (tables with indexes and TOAST): {bytes / 1048576.0:0} MB, {(sentRows > 0 ? bytes / (double)sentRows : 0):0} bytes per send, " +
            $"{(engagements > 0 ? bytes / 1024.0 / engagements : 0):0.0} KB per engagement");
        var largest = await RowsAsync(connection, """
            SELECT tablename, pg_total_relation_size(format('%I.%I', schemaname, tablename)) FROM pg_tables
            WHERE schemaname = current_schema() ORDER BY 2 DESC LIMIT 5
            """);
        Console.WriteLine("largest tables: " + string.Join(", ", largest.Select(r => $"{r[0]} {long.Parse(r[1], CultureInfo.InvariantCulture) / 1048576.0:0} MB")));
        return ok ? 0 : 1;
    }

    static async Task<bool> CompareWithSinkAsync(NpgsqlConnection connection, Uri sinkUrl, long pendingSteps)
    {
        using var sink = new HttpClient { BaseAddress = sinkUrl, Timeout = TimeSpan.FromMinutes(2) };
        var arrived = new HashSet<string>(StringComparer.Ordinal);
        long posts = 0, duplicates = 0;
        foreach (var line in (await sink.GetStringAsync(new Uri("/_bench/pages", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            posts++;
            if (!arrived.Add(line[..line.IndexOf('\t', StringComparison.Ordinal)]))
            {
                duplicates++;
            }
        }
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in await RowsAsync(connection, "SELECT key, status FROM deliveries"))
        {
            status[row[0]] = row[1];
        }
        var sentNotArrived = status.Count(s => s.Value == "SENT" && !arrived.Contains(s.Key));
        var arrivedPending = arrived.Count(k => status.GetValueOrDefault(k) == "PENDING");
        var arrivedOther = arrived.Count(k => status.GetValueOrDefault(k) is not ("SENT" or "PENDING"));
        var leftOpen = status.Count(s => s.Value is "PENDING" or "UNKNOWN");
        Console.WriteLine($"sink, read after the nodes stopped: {posts:N0} page posts, {arrived.Count:N0} distinct keys, " +
            $"{duplicates} duplicates (goal 0: {(duplicates == 0 ? "met" : "MISSED")})");
        Console.WriteLine($"key by key: SENT but never arrived {sentNotArrived}, arrived without a SENT or PENDING record {arrivedOther}, " +
            $"arrived but left PENDING {arrivedPending} (a node stopped between the provider's answer and its record)");
        var ok = duplicates == 0 && sentNotArrived == 0 && arrivedOther == 0;
        if (pendingSteps == 0 && leftOpen > 0)
        {
            // Everything ran to the end, so nothing should have been left in doubt.
            Console.WriteLine($"{leftOpen} deliveries PENDING or UNKNOWN although no step is left: MISMATCH");
            ok = false;
        }
        else if (pendingSteps > 0)
        {
            Console.WriteLine($"the nodes were stopped with {pendingSteps:N0} steps still to run, so {leftOpen} PENDING/UNKNOWN records are sends cut off by the stop");
        }
        Console.WriteLine($"store and sink agree: {(ok ? "yes" : "NO")}");
        return ok;
    }

    /// Runs one statement; prints each row's columns tab-separated.
    public static async Task<int> SqlAsync(ClusterOptions options)
    {
        await using var connection = new NpgsqlConnection(options.Store);
        await connection.OpenAsync();
        foreach (var row in await RowsAsync(connection, options.Sql!))
        {
            Console.WriteLine(string.Join('\t', row));
        }
        return 0;
    }

    static async Task<List<string[]>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        // The statements are the scripts' own (schema names they generated), not outside input.
#pragma warning disable CA2100
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }
            rows.Add(row);
        }
        return rows;
    }
}
