using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    /// One prepared statement executed per step: a timeline brings tens of steps at once, and
    /// rebinding a compiled statement costs far less than compiling a multi-row INSERT per size.
    public async Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var command = Write("""
            INSERT INTO steps (id, account_id, region, engagement_id, kind, due, page_id, contact_alias,
                channel_arn, attempt, resolution, essential, done)
            VALUES (@id, @account, @region, @engagement_id, @kind, @due, @page_id, @contact_alias,
                @channel_arn, @attempt, @resolution, @essential, 0)
            """);
        var id = command.Parameters.AddWithValue("@id", DBNull.Value);
        var engagementId = command.Parameters.AddWithValue("@engagement_id", DBNull.Value);
        var kind = command.Parameters.AddWithValue("@kind", DBNull.Value);
        var due = command.Parameters.AddWithValue("@due", DBNull.Value);
        var pageId = command.Parameters.AddWithValue("@page_id", DBNull.Value);
        var contactAlias = command.Parameters.AddWithValue("@contact_alias", DBNull.Value);
        var channelArn = command.Parameters.AddWithValue("@channel_arn", DBNull.Value);
        var attempt = command.Parameters.AddWithValue("@attempt", DBNull.Value);
        var resolution = command.Parameters.AddWithValue("@resolution", DBNull.Value);
        var essential = command.Parameters.AddWithValue("@essential", DBNull.Value);
        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            id.Value = step.Id;
            engagementId.Value = step.EngagementId;
            kind.Value = Columns.Text(step.Kind);
            due.Value = Columns.Millis(step.Due);
            pageId.Value = (object?)step.PageId ?? DBNull.Value;
            contactAlias.Value = (object?)step.ContactAlias ?? DBNull.Value;
            channelArn.Value = (object?)step.ChannelArn ?? DBNull.Value;
            attempt.Value = step.Attempt;
            resolution.Value = step.Resolution is { } path ? EngagementJson.WriteResolution(path) : DBNull.Value;
            essential.Value = step.Essential ? 1 : 0;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task<bool> CompleteStepAsync(string stepId, string owner, CancellationToken ct)
    {
        var changed = await Write("""
                UPDATE steps SET done = 1
                WHERE account_id = @account AND region = @region AND id = @id AND done = 0 AND lease_owner = @owner
                """)
            .Bind("@id", stepId)
            .Bind("@owner", owner)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> IsStepHeldAsync(string stepId, string owner, CancellationToken ct) =>
        await Read("""
                SELECT 1 FROM steps
                WHERE account_id = @account AND region = @region AND id = @id AND done = 0 AND lease_owner = @owner
                """)
            .Bind("@id", stepId)
            .Bind("@owner", owner)
            .ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;

    public async Task CancelStepsAsync(string engagementId, CancellationToken ct)
    {
        await Write("""
                UPDATE steps SET done = 1
                WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND done = 0
                """)
            .Bind("@engagement_id", engagementId)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// Any lease on the Finish step is left as it is; once it runs out the step is claimed again at
    /// its new due time.
    public async Task<bool> HasPendingStepsAsync(string engagementId, Instant upTo, string exceptStepId, CancellationToken ct)
    {
        var found = await Read("""
                SELECT 1 FROM steps
                WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND done = 0
                  AND due <= @up_to AND id <> @except
                LIMIT 1
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@up_to", Columns.Millis(upTo))
            .Bind("@except", exceptStepId)
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return found is not null;
    }

    public async Task ExtendFinishAsync(string engagementId, Instant end, CancellationToken ct)
    {
        await Write("""
                UPDATE steps SET due = @end
                WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND done = 0
                  AND kind = 'FINISH' AND due < @end
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@end", Columns.Millis(end))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
