using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

/// A long-lived connection with its commands kept prepared. SQLite spends a good part of a small
/// write compiling SQL, so each statement text is compiled once per connection and reused; the
/// owner guarantees one user at a time (the write gate, or renting from the reader pool).
internal sealed class SqliteLink : IDisposable
{
    readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    SqliteLink(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    public static SqliteLink Open(string connectionString, IEnumerable<string> pragmas)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            foreach (var pragma in pragmas)
            {
                using var command = connection.CreateCommand();
                command.CommandText = pragma;
                command.ExecuteNonQuery();
            }
            return new SqliteLink(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// The cached command for this text, with no parameters bound yet.
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct) =>
        await Command(sql).ExecuteNonQueryAsync(ct).ConfigureAwait(false);

    /// Transactions are begun and ended with plain SQL so cached commands need no Transaction
    /// object. SQLite itself may roll back after some errors (SQLITE_FULL, SQLITE_IOERR), so whether
    /// a transaction is still open is asked of SQLite rather than tracked here.
    public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0;

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
        commands.Clear();
        Connection.Dispose();
    }
}
