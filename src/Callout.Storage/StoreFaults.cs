using Microsoft.Data.Sqlite;
using Npgsql;

namespace Callout.Storage;

/// What a store failure says about the store, for those who answer callers: a full disk passes
/// when space returns (callers should try again later); a damaged database does not.
public enum StoreFault
{
    None,
    Full,
    Corrupt,
}

public static class StoreFaults
{
    // sqlite.org/rescode.html
    const int SqliteCorrupt = 11;
    const int SqliteFull = 13;
    const int SqliteNotADatabase = 26;

    /// Looks through `e` and its inner exceptions for the database's own error.
    public static StoreFault Of(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteFull }:
                    return StoreFault.Full;
                case SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase }:
                    return StoreFault.Corrupt;
                // postgresql.org/docs/current/errcodes-appendix.html: disk_full, data_corrupted,
                // index_corrupted.
                case PostgresException { SqlState: "53100" }:
                    return StoreFault.Full;
                case PostgresException { SqlState: "XX001" or "XX002" }:
                    return StoreFault.Corrupt;
            }
        }
        return StoreFault.None;
    }
}
