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
    /// How long the start-up integrity check may read a SQLite file: a few seconds cover a
    /// database of a few hundred megabytes; a bigger one is checked in part (and the log says so).
    static readonly TimeSpan IntegrityCheckLimit = TimeSpan.FromSeconds(5);

    /// With the data directory's paths whose modes had to be tightened (DataDirectoryModes).
    public static async Task<(IStore Store, IReadOnlyList<DataDirectoryModes.Tightened> Tightened)> OpenAsync(ServerOptions options, CancellationToken ct)
    {
        IStore? store = null;
        try
        {
            var fileStore = options.Store is null && !options.InMemory;
            var tightened = fileStore ? DataDirectoryModes.Secure(options.DataDirectory) : [];
            store = options.Store is { } postgres
                ? await PostgresStore.OpenAsync(postgres, ct)
                : fileStore
                    ? SqliteStore.OpenFile(options.DataDirectory)
                    : SqliteStore.OpenInMemory();
            if (store is SqliteStore sqlite && fileStore)
            {
                await CheckIntegrityAsync(sqlite, options, ct);
            }
            await store.MigrateAsync(ct);
            return (store, tightened);
        }
        catch (StartupException)
        {
            await store!.DisposeAsync();
            throw;
        }
        catch (Storage.SchemaTooNewException e)
        {
            await store!.DisposeAsync();
            throw new StartupException((options.Store is not null ? "The PostgreSQL store: " : $"{DatabaseFile(options)}: ") + e.Message, exitCode: 2);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or ArgumentException)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            throw new StartupException(options.Store is not null
                ? $"Cannot open the PostgreSQL store: {message}"
                : $"Cannot open the SQLite database {DatabaseFile(options)}: {message}");
        }
    }

    /// A damaged file is refused: served, it would fail the calls that touch the damage with 500s
    /// while the rest seem fine. The operator restores a backup (docs/operations.md).
    static async Task CheckIntegrityAsync(SqliteStore store, ServerOptions options, CancellationToken ct)
    {
        var check = await store.QuickCheckAsync(IntegrityCheckLimit, TimeProvider.System, ct);
        if (check.Problems.Count > 0)
        {
            throw new StartupException(
                $"The SQLite database {DatabaseFile(options)} is damaged ({check.Problems[0].ReplaceLineEndings(" ")}); restore it from a backup.");
        }
        if (check.CutShort)
        {
            Console.Error.WriteLine(
                $"The integrity check of {DatabaseFile(options)} was cut short after {IntegrityCheckLimit.TotalSeconds:0} s; the part it read is sound.");
        }
    }

    public static string DatabaseFile(ServerOptions options) => Path.Combine(options.DataDirectory, "callout.db");
}
