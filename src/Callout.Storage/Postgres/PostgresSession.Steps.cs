using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    /// One statement for the whole timeline: the steps travel as parallel arrays and unnest() turns
    /// them into rows, so tens of steps cost one round trip.
    public async Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var command = Write("""
            INSERT INTO steps (id, account_id, region, engagement_id, kind, due, page_id, contact_alias,
                channel_arn, attempt, resolution, essential, done)
            SELECT id, @account, @region, engagement_id, kind, due, page_id, contact_alias,
                channel_arn, attempt, resolution, essential, false
            FROM unnest(@ids, @engagement_ids, @kinds, @dues, @page_ids, @contact_aliases, @channel_arns,
                        @attempts, @resolutions, @essentials)
                AS s(id, engagement_id, kind, due, page_id, contact_alias, channel_arn, attempt, resolution, essential)
            """);
        var list = steps.ToList();
        foreach (var step in list)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
        }
        if (list.Count == 0)
        {
            command.Dispose();
            return;
        }
        BindArray(command, "ids", NpgsqlDbType.Text, list.Select(s => s.Id));
        BindArray(command, "engagement_ids", NpgsqlDbType.Text, list.Select(s => s.EngagementId));
        BindArray(command, "kinds", NpgsqlDbType.Text, list.Select(s => Columns.Text(s.Kind)));
        BindArray(command, "dues", NpgsqlDbType.Bigint, list.Select(s => Columns.Millis(s.Due)));
        BindArray(command, "page_ids", NpgsqlDbType.Text, list.Select(s => s.PageId));
        BindArray(command, "contact_aliases", NpgsqlDbType.Text, list.Select(s => s.ContactAlias));
        BindArray(command, "channel_arns", NpgsqlDbType.Text, list.Select(s => s.ChannelArn));
        BindArray(command, "attempts", NpgsqlDbType.Integer, list.Select(s => s.Attempt));
        BindArray(command, "resolutions", NpgsqlDbType.Text,
            list.Select(s => s.Resolution is { } path ? EngagementJson.WriteResolution(path) : null));
        BindArray(command, "essentials", NpgsqlDbType.Boolean, list.Select(s => s.Essential));
        await DeferAsync(command);
    }

    public async Task<bool> CompleteStepAsync(string stepId, string owner, CancellationToken ct) =>
        await ExecuteAsync(CompleteStep(stepId, owner), ct).ConfigureAwait(false) == 1;

    /// Deferred: it goes to the server with the commit.
    public Task CompleteStepQuietlyAsync(string stepId, string owner, CancellationToken ct) =>
        DeferAsync(CompleteStep(stepId, owner));

    NpgsqlCommand CompleteStep(string stepId, string owner) =>
        Write("""
            UPDATE steps SET done = true
            WHERE account_id = @account AND region = @region AND id = @id AND NOT done AND lease_owner = @owner
            """)
            .Bind("@id", stepId)
            .Bind("@owner", owner);

    public async Task<bool> IsStepHeldAsync(string stepId, string owner, CancellationToken ct) =>
        await ScalarAsync(IsStepHeld(stepId, owner), ct).ConfigureAwait(false) is not null;

    /// One row while the claim holds the step, none otherwise.
    NpgsqlCommand IsStepHeld(string stepId, string owner) =>
        Read("""
            SELECT 1 FROM steps
            WHERE account_id = @account AND region = @region AND id = @id AND NOT done AND lease_owner = @owner
            """)
            .Bind("@id", stepId)
            .Bind("@owner", owner);

    /// The rows are locked in id order, as the engine's sessions complete theirs (StepProcessor),
    /// so a stop and a session completing several of the engagement's steps never wait for each
    /// other in a circle.
    public async Task CancelStepsAsync(string engagementId, CancellationToken ct)
    {
        await DeferAsync(Write("""
                UPDATE steps SET done = true
                WHERE id IN (SELECT id FROM steps
                             WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND NOT done
                             ORDER BY id FOR UPDATE)
                """)
            .Bind("@engagement_id", engagementId));
    }

    public async Task<bool> HasPendingStepsAsync(string engagementId, Instant upTo, string exceptStepId, CancellationToken ct) =>
        await ScalarAsync(Read("""
                SELECT 1 FROM steps
                WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND NOT done
                  AND due <= @up_to AND id <> @except
                LIMIT 1
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@up_to", Columns.Millis(upTo))
            .Bind("@except", exceptStepId), ct).ConfigureAwait(false) is not null;

    /// Any lease on the Finish step is left as it is; once it runs out the step is claimed again at
    /// its new due time.
    public async Task ExtendFinishAsync(string engagementId, Instant end, CancellationToken ct)
    {
        await DeferAsync(Write("""
                UPDATE steps SET due = @end
                WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND NOT done
                  AND kind = 'FINISH' AND due < @end
                """)
            .Bind("@engagement_id", engagementId)
            .Bind("@end", Columns.Millis(end)));
    }

    static void BindArray<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });
}
