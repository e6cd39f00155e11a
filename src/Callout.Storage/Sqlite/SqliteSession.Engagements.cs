using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    /// The session already holds the store's only writer, which excludes the engine's sessions.
    public Task LockEngagementAsync(string engagementId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(engagementId);
        CheckWritable();
        return Task.CompletedTask;
    }

    /// The same holds for pages.
    public Task LockPageAsync(string pageId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(pageId);
        CheckWritable();
        return Task.CompletedTask;
    }

    public async Task InsertEngagementAsync(Engagement engagement, EngagementSnapshot snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckArn(engagement.Arn, ResourceKind.Engagement, engagement.ContactAlias, nameof(engagement));
        await Write("""
                INSERT INTO engagements (account_id, region, id, contact_alias, root_kind, sender, subject, content,
                    public_subject, public_content, incident_id, start_time, stop_time, stop_reason, snapshot)
                VALUES (@account, @region, @id, @alias, @root_kind, @sender, @subject, @content,
                    @public_subject, @public_content, @incident_id, @start_time, @stop_time, @stop_reason, @snapshot)
                """)
            .Bind("@id", engagement.Id)
            .Bind("@alias", engagement.ContactAlias)
            .Bind("@root_kind", Columns.Text(engagement.RootKind))
            .Bind("@sender", engagement.Sender)
            .Bind("@subject", engagement.Subject)
            .Bind("@content", engagement.Content)
            .Bind("@public_subject", engagement.PublicSubject)
            .Bind("@public_content", engagement.PublicContent)
            .Bind("@incident_id", engagement.IncidentId)
            .Bind("@start_time", Columns.Millis(engagement.StartTime))
            .Bind("@stop_time", Columns.Millis(engagement.StopTime))
            .Bind("@stop_reason", engagement.StopReason)
            .Bind("@snapshot", EngagementJson.WriteSnapshot(snapshot))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<Engagement?> FindEngagementAsync(string engagementId, CancellationToken ct)
    {
        await using var reader = await Read(Selects.Engagement + " AND id = @id")
            .Bind("@id", engagementId)
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadEngagement(reader) : null;
    }

    public async Task<EngagementSnapshot?> FindSnapshotAsync(string engagementId, CancellationToken ct)
    {
        var json = await Read("SELECT snapshot FROM engagements WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", engagementId)
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return json is string text ? EngagementJson.ReadSnapshot(text) : null;
    }

    public async Task<IReadOnlyList<Engagement>> ListEngagementsAsync(
        string? incidentId, Instant? from, Instant? to, (Instant Start, string Id)? after, int limit, CancellationToken ct)
    {
        var variant = (incidentId is null ? 0 : 1) | (from is null ? 0 : 2) | (to is null ? 0 : 4) | (after is null ? 0 : 8);
        var command = Read(Selects.ListEngagements[variant]).Bind("@limit", limit);
        if (incidentId is not null)
        {
            command.Bind("@incident_id", incidentId);
        }
        if (from is { } f)
        {
            command.Bind("@from", Columns.Millis(f));
        }
        if (to is { } t)
        {
            command.Bind("@to", Columns.Millis(t));
        }
        if (after is { } a)
        {
            command.Bind("@after_start", Columns.Millis(a.Start)).Bind("@after_id", a.Id);
        }
        var engagements = new List<Engagement>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            engagements.Add(ReadEngagement(reader));
        }
        return engagements;
    }

    public async Task<bool> StopEngagementAsync(string engagementId, Instant stopTime, string? reason, CancellationToken ct)
    {
        var changed = await Write("""
                UPDATE engagements SET stop_time = @stop_time, stop_reason = @stop_reason
                WHERE account_id = @account AND region = @region AND id = @id AND stop_time IS NULL
                """)
            .Bind("@id", engagementId)
            .Bind("@stop_time", Columns.Millis(stopTime))
            .Bind("@stop_reason", reason)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return changed > 0;
    }

    /// The store rebuilds ARNs from the scope, the alias and the id, so an ARN that says anything
    /// else could not be read back as written.
    void CheckArn(ResourceArn arn, ResourceKind kind, string alias, string parameter)
    {
        if (arn.Kind != kind || arn.Scope != scope || arn.Alias != alias)
        {
            throw new ArgumentException(
                $"{arn} must be a {kind} ARN of {scope.Region}/{scope.AccountId} under the contact '{alias}'.", parameter);
        }
    }

    Engagement ReadEngagement(SqliteDataReader reader) => RowReader.Engagement(reader, scope);
}
