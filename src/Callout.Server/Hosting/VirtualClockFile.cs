using System.Globalization;

namespace Callout.Server.Hosting;

/// Where a file-backed server on the virtual clock keeps its time, so a restart (or a crash)
/// resumes the rehearsal where it was instead of jumping back to the wall clock.
static class VirtualClockFile
{
    static string PathOf(ServerOptions options) => Path.Combine(options.DataDirectory, "virtual-clock");

    public static DateTimeOffset Resume(ServerOptions options, DateTimeOffset wallClock)
    {
        if (options.InMemory || !File.Exists(PathOf(options))
            || !long.TryParse(File.ReadAllText(PathOf(options)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            return wallClock;
        }
        var saved = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return saved > wallClock ? saved : wallClock;
    }

    public static void Save(ServerOptions options, DateTimeOffset now)
    {
        if (options.InMemory)
        {
            return;
        }
        Directory.CreateDirectory(options.DataDirectory);
        var temp = PathOf(options) + ".tmp";
        File.WriteAllText(temp, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        File.Move(temp, PathOf(options), overwrite: true);
    }
}
