using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    public Task LockEngagementAsync(string engagementId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(engagementId);
        CheckWritable();
        TakeLock(new SessionLock.Engagement(engagementId));
        return Task.CompletedTask;
    }

    public Task LockPageAsync(string pageId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(pageId);
        CheckWritable();
        TakeLock(new SessionLock.Pages([pageId]));
        return Task.CompletedTask;
    }

    /// Nothing to take where a writing session already excludes every other writer (SQLite's one
    /// writer); a database whose writers run side by side takes the engagement's or page's lock here.
    protected virtual void TakeLock(SessionLock sessionLock)
    {
    }

    public async Task InsertEngagementAsync(Engagement engagement, EngagementSnapshot snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckArn(engagement.Arn, ResourceKind.Engagement, engagement.ContactAlias, nameof(engagement));
        await WriteAsync(Write(Writes.InsertEngagement)
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
            .Bind("@snapshot", EngagementJson.WriteSnapshot(snapshot)), ct).ConfigureAwait(false);
    }

    public async Task<Engagement?> FindEngagementAsync(string engagementId, CancellationToken ct) =>
        await FirstAsync(FindEngagement(engagementId), ReadEngagement, ct).ConfigureAwait(false);

    protected DbCommand FindEngagement(string engagementId) => Read(Selects.Engagement + " AND id = @id").Bind("@id", engagementId);

    public async Task<EngagementSnapshot?> FindSnapshotAsync(string engagementId, CancellationToken ct)
    {
        var json = await ScalarAsync(Read("SELECT snapshot FROM engagements WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", engagementId), ct).ConfigureAwait(false);
        return json is string text ? EngagementJson.ReadSnapshot(text) : null;
    }

    public async Task<IReadOnlyList<Engagement>> ListEngagementsAsync(
        string? incidentId, Instant? from, Instant? to, (Instant Start, string Id)? after, int limit, CancellationToken ct) =>
        await ListAsync(Read(Selects.ListEngagements[Selects.Variant(incidentId, from, to, after)])
            .Bind("@limit", limit)
            .Bind("@incident_id", incidentId)
            .Bind("@from", Columns.Millis(from))
            .Bind("@to", Columns.Millis(to))
            .Bind("@after_start", Columns.Millis(after?.Start))
            .Bind("@after_id", after?.Id), ReadEngagement, ct).ConfigureAwait(false);

    public async Task<bool> StopEngagementAsync(string engagementId, Instant stopTime, string? reason, CancellationToken ct)
    {
        var changed = await ExecuteAsync(Write(Writes.StopEngagement)
            .Bind("@id", engagementId)
            .Bind("@stop_time", Columns.Millis(stopTime))
            .Bind("@stop_reason", reason), ct).ConfigureAwait(false);
        return changed > 0;
    }

    /// The store rebuilds ARNs from the scope, the alias and the id, so an ARN that says anything
    /// else could not be read back as written.
    void CheckArn(ResourceArn arn, ResourceKind kind, string alias, string parameter)
    {
        if (arn.Kind != kind || arn.Scope != Scope || arn.Alias != alias)
        {
            throw new ArgumentException(
                $"{arn} must be a {kind} ARN of {Scope.Region}/{Scope.AccountId} under the contact '{alias}'.", parameter);
        }
    }

    protected Engagement ReadEngagement(DbDataReader reader) => RowReader.Engagement(reader, Scope);
}
