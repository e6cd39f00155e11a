using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Callout.Storage.Migrations;
using Callout.Storage.Store;
using Npgsql;

namespace Callout.Storage.Postgres;

/// Runs the Migrator on `Migrations/postgres` after checking the database. Nodes starting at once
/// queue on a session-level advisory lock named after the schema, so each script runs exactly
/// once; the ones that waited then find it listed.
internal static class PostgresMigrator
{
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var schema = await CheckDatabaseAsync(connection, ct).ConfigureAwait(false);
        var key = AdvisoryKey("callout/migrations/" + schema);
        await Migrator.ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", ct, c => c.Bind("@key", key)).ConfigureAwait(false);
        try
        {
            await Migrator.ApplyAsync(connection, "postgres", ct).ConfigureAwait(false);
        }
        finally
        {
            // Closing the connection would release the lock too, but a pooled connection stays open.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await Migrator.ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, c => c.Bind("@key", key))
                    .ConfigureAwait(false);
            }
        }
    }

    /// A 64-bit advisory lock key for a name; a collision only makes two unrelated lockers wait
    /// for each other.
    public static long AdvisoryKey(string name) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    /// The schema the tables go to (the first of search_path that exists), after checking that
    /// the database can hold every string the API accepts and orders them as the store expects.
    static async Task<string> CheckDatabaseAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting('server_encoding'), current_schema()", connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var encoding = reader.GetString(0);
        if (!string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database is encoded in {encoding}; Callout needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8').");
        }
        return reader.IsDBNull(1)
            ? throw new InvalidOperationException("No schema of the connection's search_path exists; create it or set Search Path.")
            : reader.GetString(1);
    }
}
