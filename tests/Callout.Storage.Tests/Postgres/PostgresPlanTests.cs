using System.Text.Json;
using Callout.Storage.Postgres;
using Npgsql;
using Xunit;

namespace Callout.Storage.Tests.Postgres;

/// Plans on a new database. Until autovacuum first analyzes a table (up to a minute after it
/// fills, under load), the planner has no statistics, and a secondary index whose key columns
/// include every column of the primary key looks as good as the primary key for a lookup of one
/// row; when it is chosen, the lookup reads every index entry of its account. Callout prepares its
/// statements, so such a plan stays on a connection. Skipped when CALLOUT_TEST_PG is not set.
public sealed class PostgresPlanTests : IAsyncLifetime, INeedPostgres
{
    string schema = "";
    string connectionString = "";

    public async Task InitializeAsync()
    {
        (schema, connectionString) = PostgresTestDatabase.CreateSchema();
        await using var store = await PostgresStore.OpenAsync(connectionString, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => PostgresTestDatabase.DropSchemaAsync(schema);

    [Fact]
    public async Task a_lookup_by_primary_key_takes_the_primary_key_before_any_statistics()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET plan_cache_mode = force_generic_plan");
        var keys = await PrimaryKeysAsync(connection);
        Assert.Contains(keys, k => k.Table == "engagements");

        var wrong = new List<string>();
        foreach (var (table, index, columns, types) in keys)
        {
            var conditions = string.Join(" AND ", columns.Select((c, i) => $"{Quote(c)} = ${i + 1}"));
            await ExecuteAsync(connection, $"PREPARE lookup_{table} ({string.Join(", ", types)}) AS SELECT * FROM {Quote(table)} WHERE {conditions}");
            var plan = await ScalarAsync(connection,
                $"EXPLAIN (FORMAT JSON) EXECUTE lookup_{table} ({string.Join(", ", columns.Select(_ => "NULL"))})");
            var used = IndexesIn(JsonDocument.Parse(plan).RootElement).ToList();
            if (used is not [var only] || only != index)
            {
                wrong.Add($"{table}: {(used.Count == 0 ? "no index" : string.Join(", ", used))} instead of {index}");
            }
        }
        Assert.Empty(wrong);
    }

    async Task<List<(string Table, string Index, string[] Columns, string[] Types)>> PrimaryKeysAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT t.relname, i.relname,
                   array_agg(a.attname::text ORDER BY k.n), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.n)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace s ON s.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE x.indisprimary AND s.nspname = @schema
            GROUP BY t.relname, i.relname
            ORDER BY t.relname
            """, connection);
        command.Parameters.AddWithValue("schema", schema);
        var keys = new List<(string, string, string[], string[])>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3)));
        }
        return keys;
    }

    static IEnumerable<string> IndexesIn(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "Index Name")
                {
                    yield return property.Value.GetString()!;
                }
                foreach (var inner in IndexesIn(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in IndexesIn(item))
                {
                    yield return inner;
                }
            }
        }
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
