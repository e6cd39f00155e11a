using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<string?> GetPolicyAsync(string contactAlias, CancellationToken ct)
    {
        var policy = await Read(
                "SELECT policy FROM policies WHERE account_id = @account AND region = @region AND contact_alias = @alias")
            .Bind("@alias", contactAlias)
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return policy as string;
    }

    public async Task PutPolicyAsync(string contactAlias, string policy, Instant now, CancellationToken ct)
    {
        await Write("""
                INSERT INTO policies (account_id, region, contact_alias, policy, updated_at)
                VALUES (@account, @region, @alias, @policy, @now)
                ON CONFLICT (account_id, region, contact_alias) DO UPDATE
                SET policy = excluded.policy, updated_at = excluded.updated_at
                """)
            .Bind("@alias", contactAlias)
            .Bind("@policy", policy)
            .Bind("@now", Columns.Millis(now))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
