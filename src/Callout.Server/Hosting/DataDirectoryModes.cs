using Callout.Storage.Sqlite;

namespace Callout.Server.Hosting;

/// The data directory holds the keys that seal acknowledgement links and page tokens, so only the
/// server's own user may read it: the directory is 0700 and every file in it 0600, whatever the
/// umask. A directory or file found open to others is tightened, and the caller warns once for each
/// (docs/security.md, Secrets at rest).
static partial class DataDirectoryModes
{
    const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    /// The mode of every file the server creates in the directory.
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public sealed record Tightened(string Path, UnixFileMode Was);

    /// Creates the directory and an empty database file (SQLite takes a 0-byte file for an empty
    /// database) with owner-only modes, and tightens what exists. SQLite gives -wal and -shm the
    /// mode of the database file, so they follow. Windows has no such modes.
    public static IReadOnlyList<Tightened> Secure(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return [];
        }
        var tightened = new List<Tightened>();
        CreateDirectory(directory);
        Restrict(directory, tightened);
        var database = Path.Combine(directory, SqliteStore.FileName);
        if (!File.Exists(database))
        {
            using var created = new FileStream(database, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            Restrict(file, tightened);
        }
        return tightened;
    }

    /// Creates the directory owner-only, if it does not exist yet.
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void Restrict(string path, List<Tightened> tightened)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            File.SetUnixFileMode(path, mode & ~Others);
            tightened.Add(new Tightened(path, mode));
        }
    }

    public static void Warn(ILogger log, IReadOnlyList<Tightened> tightened)
    {
        foreach (var (path, was) in tightened)
        {
            LogTightened(log, path, Octal(was));
        }
    }

    static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} was readable by other users (mode {Mode}); removed their access: it holds the keys that seal acknowledgement links")]
    static partial void LogTightened(ILogger log, string path, string mode);
}
