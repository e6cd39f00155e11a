using System.Data.Common;
using Callout.Storage.Sqlite;

namespace Callout.Server.Hosting.Backup;

/// `callout backup FILE`: a consistent copy of the SQLite store, taken while a server runs on it
/// and goes on writing (SqliteBackup), checked before it is given the name FILE. A copy that fails
/// its check never replaces an earlier FILE (docs/operations.md, Backups).
static class StoreBackup
{
    public static string Run(ServerOptions options, string file)
    {
        var source = StoreStart.DatabaseFile(options);
        if (!File.Exists(source))
        {
            throw new StartupException($"There is no database to back up: {source} does not exist (is --data-dir right?).");
        }
        var target = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            throw new StartupException($"Cannot write the backup {target}: the directory {directory} does not exist.");
        }
        // Beside the target, so the final rename never crosses file systems and is atomic.
        var partial = Path.Combine(directory, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            BackupFiles.CreatePrivate(partial);
            var check = SqliteBackup.Copy(source, partial, live: true);
            if (check.Problems.Count > 0)
            {
                throw new StartupException(
                    $"The copy of {source} failed its integrity check ({check.Problems[0].ReplaceLineEndings(" ")}); {target} was not written. The database is damaged: restore the last good backup.");
            }
            File.Move(partial, target, overwrite: true);
            var version = check.Migrations.Count == 0 ? "none" : check.Migrations[^1].Name;
            return $"Backed up {source} to {target} ({new FileInfo(target).Length} bytes, schema {version}, integrity check ok).";
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot back up {source} to {target}: {e.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            BackupFiles.DeleteWithJournal(partial);
        }
    }
}
