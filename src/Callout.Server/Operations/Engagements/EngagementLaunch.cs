using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Processing;
using Callout.Engine.Tracing;
using NodaTime;

namespace Callout.Server.Operations.Engagements;

/// What an engagement says, as StartEngagement's request has it.
sealed record EngagementMessage(string Sender, string Subject, string Content, string? PublicSubject, string? PublicContent, string? IncidentId);

/// Writes a new engagement of a contact in the caller's session: the snapshot of the plans it can
/// reach and every step of its timeline from t0 = now (docs/spec/domain.md §3.1). StartEngagement
/// and a new incident's engagements (IncidentStarter) both start engagements this way; the caller
/// commits and then wakes the engine.
static class EngagementLaunch
{
    /// False when the contact has nothing to run: "To engage a contact, you must define an
    /// engagement plan" (Incident Manager user guide).
    public static bool HasPlan(Contact contact) =>
        contact.Kind == ContactKind.OncallSchedule ? contact.Plan.RotationIds.Count > 0 : contact.Plan.Stages.Count > 0;

    public static async Task<(ResourceArn Arn, Timeline Timeline)> InsertAsync(IStoreSession session, AccountScope scope, Contact contact,
        EngagementMessage message, EngineSettings settings, Func<string> newId, Instant now, CancellationToken ct)
    {
        var id = newId();
        var arn = new ResourceArn(scope, ResourceKind.Engagement, contact.Alias + "/" + id);
        var engagement = new Engagement(arn, contact.Alias, contact.Kind, message.Sender, message.Subject, message.Content,
            message.PublicSubject, message.PublicContent, message.IncidentId, now, null, null);
        var snapshot = await SnapshotBuilder.BuildAsync(session, contact, ct);
        var timeline = new EngagementPlanner(snapshot, id, settings, newId).Start(contact.Alias, now);
        await session.InsertEngagementAsync(engagement, snapshot, ct);
        // The steps continue the trace of the call or alert that started the engagement.
        await session.InsertStepsAsync(Traces.Stamped(timeline.Steps), ct);
        return (arn, timeline);
    }
}
