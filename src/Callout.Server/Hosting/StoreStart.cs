using System.Data.Common;
using Callout.Domain.Ports;
using Callout.Storage.Postgres;
using Callout.Storage.Sqlite;

namespace Callout.Server.Hosting;

/// Opens and migrates the configured store, turning the ways that can fail on a given machine (a
/// data directory that is a file or unwritable, a file that is not a database, an unreachable
/// PostgreSQL) into one line for the operator instead of a stack trace.
static class StoreStart
{
    /// With the data directory's paths whose modes had to be tightened (DataDirectoryModes).
    public static async Task<(IStore Store, IReadOnlyList<DataDirectoryModes.Tightened> Tightened)> OpenAsync(ServerOptions options, CancellationToken ct)
    {
        try
        {
            var fileStore = options.Store is null && !options.InMemory;
            var tightened = fileStore ? DataDirectoryModes.Secure(options.DataDirectory) : [];
            IStore store = options.Store is { } postgres
                ? await PostgresStore.OpenAsync(postgres, ct)
                : fileStore
                    ? SqliteStore.OpenFile(options.DataDirectory)
                    : SqliteStore.OpenInMemory();
            await store.MigrateAsync(ct);
            return (store, tightened);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or ArgumentException)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            throw new StartupException(options.Store is not null
                ? $"Cannot open the PostgreSQL store: {message}"
                : $"Cannot open the SQLite database {DatabaseFile(options)}: {message}");
        }
    }

    public static string DatabaseFile(ServerOptions options) => Path.Combine(options.DataDirectory, "callout.db");
}
