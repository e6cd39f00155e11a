using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

/// What `PRAGMA quick_check` found: nothing (Problems empty), or SQLite's own lines naming what is
/// damaged. CutShort when the time ran out first; the part it read was sound.
public sealed record IntegrityCheck(IReadOnlyList<string> Problems, bool CutShort);

public sealed partial class SqliteStore
{
    // SQLITE_INTERRUPT (sqlite.org/rescode.html).
    const int Interrupted = 9;

    /// Reads every page of the file (quick_check skips only the slower index-against-table checks)
    /// for at most `limit`, so a damaged database is refused at start-up instead of failing one
    /// call in three later. A huge file is checked only in part: sqlite3_interrupt stops the check
    /// when the timer fires.
    public async Task<IntegrityCheck> QuickCheckAsync(TimeSpan limit, TimeProvider time, CancellationToken ct)
    {
        var link = await EnterWriterAsync(ct).ConfigureAwait(false);
        try
        {
            var problems = new List<string>();
            var timer = time.CreateTimer(_ => SQLitePCL.raw.sqlite3_interrupt(link.Connection.Handle), null, limit, Timeout.InfiniteTimeSpan);
            try
            {
                await using var reader = await link.Command("PRAGMA quick_check(20)").ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var line = reader.GetString(0);
                    if (line != "ok")
                    {
                        problems.Add(line);
                    }
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == Interrupted)
            {
                return new IntegrityCheck(problems, CutShort: true);
            }
            catch (SqliteException e) when (StoreFaults.Of(e) == StoreFault.Corrupt)
            {
                // Damage bad enough that the check itself cannot go on.
                problems.Add(e.Message);
            }
            finally
            {
                // Waits for a callback in flight, so no interrupt reaches a later statement.
                await timer.DisposeAsync().ConfigureAwait(false);
            }
            return new IntegrityCheck(problems, CutShort: false);
        }
        finally
        {
            Release(link);
        }
    }
}
