namespace Callout.Server.Hosting;

/// Holds `callout.lock` in the data directory for the life of the process, so a second server on
/// the same directory refuses to start instead of sharing the SQLite file with the first (two
/// engines would each free the other's leases at start-up and run the same steps). On Linux and
/// macOS FileShare.None takes an exclusive flock; the OS drops it when the process ends, kill -9
/// included, so a stale file never blocks a restart.
sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "callout.lock";

    readonly FileStream _file;

    DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Take(string dataDirectory) => Take(dataDirectory,
        $"Another Callout server is using the data directory {dataDirectory} (it holds {FileName}); stop it, or give this server a --data-dir of its own.");

    /// `whenHeld` is the message when another process holds the lock.
    public static DataDirectoryLock Take(string dataDirectory, string whenHeld)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            // Made private from the start, as every file there is (DataDirectoryModes).
            DataDirectoryModes.CreateDirectory(dataDirectory);
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = DataDirectoryModes.OwnerOnlyFile;
            }
            return new DataDirectoryLock(new FileStream(path, options));
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new StartupException(whenHeld);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot use the data directory {dataDirectory}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    public void Dispose() => _file.Dispose();
}
