using System.Globalization;
using Npgsql;

namespace Callout.Bench.Cluster;

/// What the nodes' PostgreSQL sessions are doing, sampled from pg_stat_activity (the nodes connect
/// with Application Name "{tag}/{node}"): how many are running a statement, waiting for the
/// scope lock (the transaction-level advisory lock every writing session takes first), waiting
/// for another lock, waiting for WAL or disk, idle inside a transaction (waiting for the node's
/// next statement: the node's round trip) or idle in the pool. Averages over the samples locate
/// where a write session's time goes.
sealed class PgActivity(string store, string tag, string over) : IAsyncDisposable
{
    const string Query = """
        SELECT CASE
                 WHEN state = 'idle' THEN 'idle in the pool'
                 WHEN state LIKE 'idle in transaction%' THEN 'in a transaction, waiting for the node''s next statement'
                 WHEN wait_event_type = 'Lock' AND wait_event = 'advisory' THEN 'waiting for a scope lock (advisory)'
                 WHEN wait_event_type = 'Lock' THEN 'waiting for a row or transaction lock (' || wait_event || ')'
                 WHEN wait_event_type = 'LWLock' AND wait_event LIKE 'WAL%' OR wait_event_type = 'IO' THEN 'waiting for WAL or disk (' || wait_event || ')'
                 WHEN wait_event_type IS NULL THEN 'running a statement (CPU)'
                 ELSE 'other wait (' || wait_event_type || '/' || wait_event || ')'
               END,
               count(*)
        FROM pg_stat_activity
        WHERE starts_with(application_name, @tag)
        GROUP BY 1
        """;

    readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    NpgsqlConnection? _connection;
    int _samples;
    string? _error;

    /// Connects before the load starts: under load the nodes' pools may take every connection the
    /// server allows.
    public async Task OpenAsync(CancellationToken ct)
    {
        try
        {
            _connection = new NpgsqlConnection(store);
            await _connection.OpenAsync(ct);
        }
        catch (NpgsqlException e)
        {
            _error = e.Message;
        }
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        if (_error is not null || _connection is null)
        {
            return;
        }
        try
        {
            await using var command = new NpgsqlCommand(Query, _connection);
            command.Parameters.AddWithValue("tag", tag + "/");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                _counts[reader.GetString(0)] = _counts.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
            }
            _samples++;
        }
        catch (NpgsqlException e)
        {
            _error = e.Message;
        }
    }

    /// Samples once a second for `length` after `delay`, then prints the averages: for a load
    /// generator that does not know about PostgreSQL (bench/postgres/writes-pg.sh).
    public static async Task<int> RunAsync(ClusterOptions o)
    {
        var ct = CancellationToken.None;
        await using var activity = new PgActivity(o.Store!, o.ActivityTag!, o.Over);
        await activity.OpenAsync(ct);
        await Task.Delay(o.Delay, ct);
        var until = DateTime.UtcNow + o.Length;
        while (DateTime.UtcNow < until)
        {
            await activity.SampleAsync(ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        foreach (var line in activity.Lines())
        {
            Console.WriteLine(line);
        }
        return 0;
    }

    public IEnumerable<string> Lines()
    {
        if (_error is not null)
        {
            yield return "PostgreSQL sessions: not sampled (" + _error + ")";
            yield break;
        }
        if (_samples == 0)
        {
            yield break;
        }
        yield return string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL sessions of Callout {over} (pg_stat_activity once a second, {_samples} samples; average number of sessions):");
        foreach (var (what, count) in _counts.OrderByDescending(c => c.Value))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {count / (double)_samples,7:0.00}  {what}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
