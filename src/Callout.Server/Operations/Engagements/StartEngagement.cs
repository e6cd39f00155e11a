using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Engine.Processing;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Engagements;

/// Snapshots the plans, lays out every step of the timeline from t0 = now and wakes the engine;
/// pages go out asynchronously (docs/spec/domain.md §3.1).
sealed class StartEngagement(IStore store, EngineSettings settings, EngagementEngine engine, StagesWithoutAnyone nobody, TimeProvider time)
    : IOperation<StartEngagementRequest, StartEngagementResult>
{
    public async Task<StartEngagementResult> HandleAsync(StartEngagementRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        var now = context.Now();
        await using (var session = await store.OpenCreateAsync(scope, context.Operation, request.IdempotencyToken, ct))
        {
            if (await Idempotency.ReplayAsync(session, context, request.IdempotencyToken, ResourceTypes.Engagement, ct) is { } earlier)
            {
                return new StartEngagementResult { EngagementArn = earlier };
            }
            var contact = await session.RequireContactAsync(request.ContactId, scope, ct);
            if (!EngagementLaunch.HasPlan(contact))
            {
                // "To engage a contact, you must define an engagement plan" (Incident Manager user guide).
                throw new InvalidRequest($"Contact {request.ContactId} has no engagement plan to run.", "contactId");
            }

            var (arn, timeline) = await EngagementLaunch.InsertAsync(session, scope, contact,
                new EngagementMessage(request.Sender, request.Subject, request.Content, request.PublicSubject, request.PublicContent,
                    request.IncidentId),
                settings, NewId, now, ct);
            await Idempotency.RememberAsync(session, context, request.IdempotencyToken, arn.ToString(), ct);
            await session.CommitAuditedAsync(context, arn, ct);
            engine.Wake();
            nobody.Report(arn, timeline.Unreached);
            return new StartEngagementResult { EngagementArn = arn.ToString() };
        }
    }

    string NewId() => Guid.CreateVersion7(time.GetUtcNow()).ToString();
}
