using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<bool> IsAcknowledgedAsync(string engagementId, string contactAlias, CancellationToken ct)
    {
        var found = await Read("""
                SELECT 1 FROM acknowledgements
                WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND contact_alias = @contact_alias
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias)
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return found is not null;
    }

    /// The first acknowledgement of a person stands; a repeated one changes nothing.
    public async Task AddAcknowledgementAsync(string engagementId, string contactAlias, Instant time, CancellationToken ct)
    {
        await Write("""
                INSERT INTO acknowledgements (account_id, region, engagement_id, contact_alias, time)
                VALUES (@account, @region, @engagement_id, @contact_alias, @time)
                ON CONFLICT (account_id, region, engagement_id, contact_alias) DO NOTHING
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@contact_alias", contactAlias)
            .Bind("@time", Columns.Millis(time))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
