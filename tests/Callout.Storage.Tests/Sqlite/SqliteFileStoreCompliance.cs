using Callout.Domain.Ports;
using Callout.Storage.Sqlite;

namespace Callout.Storage.Tests.Sqlite;

public sealed class SqliteFileStoreCompliance : DurableStoreCompliance
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "callout-store-" + Guid.NewGuid().ToString("N"));

    protected override IStore CreateStore() => SqliteStore.OpenFile(Path.Combine(directory, "data"));

    protected override IStore OpenAgain() => SqliteStore.OpenFile(Path.Combine(directory, "data"));

    /// Copies the database, its WAL and its shared-memory index as they are on disk right now,
    /// with the store still open: exactly what kill -9 would leave, since the OS keeps what the
    /// process wrote. Opening the copy runs SQLite's recovery from the WAL.
    protected override IStore OpenAfterCrash()
    {
        var crashed = Path.Combine(directory, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var file in Directory.GetFiles(Path.Combine(directory, "data")))
        {
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }
        return SqliteStore.OpenFile(crashed);
    }

    protected override Task CleanupAsync()
    {
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }
}
