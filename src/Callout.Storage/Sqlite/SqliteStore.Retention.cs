using System.Data.Common;

namespace Callout.Storage.Sqlite;

/// The retention purge's hooks. One server owns a SQLite file (DataDirectoryLock), so it always
/// leads the purge. Deleted rows leave free pages inside the file, which SQLite reuses but never
/// gives back by itself; with auto_vacuum=INCREMENTAL each `PRAGMA incremental_vacuum(n)` moves up
/// to n of them to the end of the file and truncates it there (sqlite.org/pragma.html#pragma_auto_vacuum).
public sealed partial class SqliteStore
{
    // Pages given back per write transaction: a few milliseconds of page moves on the writer.
    const int VacuumStepPages = 256;

    // auto_vacuum's values (sqlite.org/pragma.html#pragma_auto_vacuum).
    const long IncrementalVacuum = 2;

    private protected override Task<T> InTransactionAsync<T>(Func<Func<string, DbCommand>, Task<T>> work, CancellationToken ct) =>
        OutsideSessionAsync(write: true, link => work(link.Command), ct);

    private protected override string IdsIn(string parameter) => $"SELECT value FROM json_each({parameter})";

    public override Task<IAsyncDisposable?> TryLeadPurgeAsync(CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable?>(NoLease.Instance);

    public override async Task<long> ReclaimSpaceAsync(CancellationToken ct)
    {
        long reclaimed = 0;
        while (true)
        {
            var freed = await OutsideSessionAsync(write: true, async link =>
            {
                var before = await ScalarLongAsync(link, "PRAGMA freelist_count", ct).ConfigureAwait(false);
                if (before == 0)
                {
                    return 0L;
                }
                await link.ExecuteAsync($"PRAGMA incremental_vacuum({VacuumStepPages})", ct).ConfigureAwait(false);
                var after = await ScalarLongAsync(link, "PRAGMA freelist_count", ct).ConfigureAwait(false);
                return (before - after) * await ScalarLongAsync(link, "PRAGMA page_size", ct).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            if (freed <= 0)
            {
                return reclaimed;
            }
            reclaimed += freed;
        }
    }

    /// A database made before auto_vacuum was turned on keeps its free pages for ever; switching
    /// the mode takes one VACUUM, which rewrites the whole file (it needs as much free disk again,
    /// and a while on a large file), so it runs once, at the first start of a version that wants it.
    /// A new database asks for the mode before anything else (OpenFile), so its rewrite is of an
    /// empty file.
    static async Task UseIncrementalVacuumAsync(SqliteLink link, CancellationToken ct)
    {
        if (await ScalarLongAsync(link, "PRAGMA auto_vacuum", ct).ConfigureAwait(false) == IncrementalVacuum)
        {
            return;
        }
        await link.ExecuteAsync("PRAGMA auto_vacuum=INCREMENTAL", ct).ConfigureAwait(false);
        await link.ExecuteAsync("VACUUM", ct).ConfigureAwait(false);
    }

    static async Task<long> ScalarLongAsync(SqliteLink link, string sql, CancellationToken ct) =>
        Convert.ToInt64(await link.Command(sql).ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

    sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
