using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    // An upsert that returns the new count: both databases run INSERT … ON CONFLICT … RETURNING,
    // and it is one statement, so two sessions counting at once cannot both read the old count.
    public async Task<int> AddWrongTryAsync(string codeKey, Instant now, CancellationToken ct) =>
        await CountAsync(Write("""
                INSERT INTO wrong_code_tries (account_id, region, code_key, tries, last_try_at)
                VALUES (@account, @region, @code_key, 1, @now)
                ON CONFLICT (account_id, region, code_key)
                DO UPDATE SET tries = wrong_code_tries.tries + 1, last_try_at = @now
                RETURNING tries
                """)
            .Bind("@code_key", codeKey)
            .Bind("@now", Columns.Millis(now)), ct).ConfigureAwait(false);

    public async Task<int> WrongTriesAsync(string codeKey, CancellationToken ct) =>
        await CountAsync(Read("""
                SELECT COALESCE(MAX(tries), 0) FROM wrong_code_tries
                WHERE account_id = @account AND region = @region AND code_key = @code_key
                """)
            .Bind("@code_key", codeKey), ct).ConfigureAwait(false);
}
