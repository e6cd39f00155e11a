namespace Callout.Server.Hosting.Backup;

/// Files a backup or restore writes: private to the owner from their creation, as the data
/// directory's are (DataDirectoryModes), since they hold the same keys.
static class BackupFiles
{
    public static void CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DataDirectoryModes.OwnerOnlyFile;
        }
        using var created = new FileStream(path, options);
    }

    /// A database file and the journal files SQLite may have left beside it.
    public static void DeleteWithJournal(string path)
    {
        foreach (var file in (string[])[path, path + "-journal", path + "-wal", path + "-shm"])
        {
            File.Delete(file);
        }
    }
}
