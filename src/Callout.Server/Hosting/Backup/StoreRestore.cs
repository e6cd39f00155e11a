using System.Data.Common;
using System.Globalization;
using Callout.Storage.Sqlite;

namespace Callout.Server.Hosting.Backup;

/// `callout restore FILE [--force]`: makes FILE, a backup, the data directory's database. It holds
/// the directory's lock throughout, so it refuses while a server runs there and no server starts
/// half-way through. A directory that already has a database is replaced only with --force, and
/// even then its files are kept beside, renamed (docs/operations.md, Backups).
static class StoreRestore
{
    public static string Run(ServerOptions options, string file, bool force)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new StartupException($"There is no backup {source}.");
        }
        var directory = options.DataDirectory;
        using var held = DataDirectoryLock.Take(directory,
            $"A Callout server is using the data directory {directory} (it holds {DataDirectoryLock.FileName}); stop it before restoring into it.");
        var database = StoreStart.DatabaseFile(options);
        var existing = HasData(database);
        if (existing && !force)
        {
            throw new StartupException(
                $"{database} already holds a database; restoring replaces it only with --force (it is then kept as {SqliteStore.FileName}.replaced-<time>).");
        }
        var restoring = database + ".restoring";
        try
        {
            BackupFiles.DeleteWithJournal(restoring);
            var check = SqliteBackup.Check(source);
            Refuse(source, check);
            BackupFiles.CreatePrivate(restoring);
            check = SqliteBackup.Copy(source, restoring, live: false);
            Refuse(source, check);
            var kept = existing ? KeepAside(database) : null;
            BackupFiles.DeleteWithJournal(database);
            File.Move(restoring, database);
            return $"Restored {source} into {database} (schema {check.Migrations[^1].Name})"
                + (kept is null ? "." : $"; the database it replaced is kept as {kept}.");
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot restore {source} into {directory}: {e.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            BackupFiles.DeleteWithJournal(restoring);
        }
    }

    /// A damaged copy, a file that is no Callout database, or one from a newer version is refused
    /// before anything in the data directory changes.
    static void Refuse(string source, BackupCheck check)
    {
        if (check.Problems.Count > 0)
        {
            throw new StartupException($"The backup {source} is damaged ({check.Problems[0].ReplaceLineEndings(" ")}); nothing was restored.");
        }
        if (check.Migrations.Count == 0)
        {
            throw new StartupException($"{source} is not a Callout database (it has no schema_migrations); nothing was restored.");
        }
        if (SqliteBackup.Unknown(check) is { } newer)
        {
            throw new StartupException($"The backup {source}: {newer.Message} Nothing was restored.", exitCode: 2);
        }
    }

    /// Whether the directory holds a database worth keeping: the server makes an empty file at
    /// first start, and the last commits may still be in the -wal beside it.
    static bool HasData(string database) =>
        (File.Exists(database) && new FileInfo(database).Length > 0)
        || (File.Exists(database + "-wal") && new FileInfo(database + "-wal").Length > 0);

    /// Renames the database and its -wal and -shm together, so SQLite still finds them as one.
    static string KeepAside(string database)
    {
        var kept = $"{database}.replaced-{TimeProvider.System.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            if (File.Exists(database + suffix))
            {
                File.Move(database + suffix, kept + suffix);
            }
        }
        return kept;
    }
}
