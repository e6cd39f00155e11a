using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Storage.Rows;
using Callout.Storage.Store;
using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

/// A StoreSession on the store's one writer (or a pooled reader), inside BEGIN IMMEDIATE (or
/// BEGIN) ... COMMIT. Every statement runs when called, from a command the connection keeps
/// prepared; the store's single writer excludes every other writing session, so there are no
/// locks to take.
internal sealed class SqliteSession(SqliteStore store, SqliteLink link, AccountScope scope, bool write)
    : StoreSession(scope, write), IStoreSession
{
    static readonly StepStatements StepSql = new(
        pending: "done = 0",
        done: "1",
        cancelSteps: """
            UPDATE steps SET done = 1
            WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND done = 0
            """);

    protected override StepStatements Steps => StepSql;

    // Kept by triggers (Migrations/sqlite/0002_contact_counts.sql).
    protected override string CountContactsSql =>
        "SELECT coalesce((SELECT contacts FROM contact_counts WHERE account_id = @account AND region = @region), 0)";

    protected override string DeleteExpiredIdempotencySql =>
        "DELETE FROM idempotency WHERE account_id = @account AND region = @region AND created_at < @expired";

    protected override DbCommand Command(string sql) => link.Command(sql);

    /// One prepared statement executed per step: a timeline brings tens of steps at once, and
    /// rebinding a compiled statement costs far less than compiling a multi-row INSERT per size.
    public override async Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var command = (SqliteCommand)Write("""
            INSERT INTO steps (id, account_id, region, engagement_id, kind, due, page_id, contact_alias,
                channel_arn, attempt, resolution, essential, trace_parent, done)
            VALUES (@id, @account, @region, @engagement_id, @kind, @due, @page_id, @contact_alias,
                @channel_arn, @attempt, @resolution, @essential, @trace_parent, 0)
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
        var traceParent = command.Parameters.AddWithValue("@trace_parent", DBNull.Value);
        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            var row = StepRows.Write(step);
            id.Value = row.Id;
            engagementId.Value = row.EngagementId;
            kind.Value = row.Kind;
            due.Value = row.Due;
            pageId.Value = (object?)row.PageId ?? DBNull.Value;
            contactAlias.Value = (object?)row.ContactAlias ?? DBNull.Value;
            channelArn.Value = (object?)row.ChannelArn ?? DBNull.Value;
            attempt.Value = row.Attempt;
            resolution.Value = (object?)row.Resolution ?? DBNull.Value;
            essential.Value = row.Essential ? 1 : 0;
            traceParent.Value = (object?)row.TraceParent ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    protected override Task CommitTransactionAsync(CancellationToken ct) => link.ExecuteAsync("COMMIT", ct);

    protected override ValueTask EndAsync() => store.EndAsync(link);
}
