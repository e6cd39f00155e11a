using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Processing;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Operations;
using Callout.Server.Operations.Engagements;
using Callout.Server.Incidents.RelatedItems;
using NodaTime;

namespace Callout.Server.Incidents.Records;

/// The one place incidents start, change status and acknowledge (docs/spec/incidents.md §4): a
/// new incident, its engagements (one per contact of the plan, as StartEngagement would start
/// them), its related items, tags and first timeline events are one transaction, so a crash never
/// leaves an incident that paged no one, nor pages for an incident that does not exist.
sealed class IncidentStarter(IStore store, EngineSettings settings, EngagementEngine engine, StagesWithoutAnyone nobody,
    EngagementActions actions, TimeProvider time) : IIncidentStarter
{
    /// The source recorded for a StartIncident without triggerDetails.
    public const string ApiSource = "callout.api";

    public async Task<IncidentStartResult> StartAsync(RequestContext context, IncidentStartRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (request.TriggerSource.StartsWith("aws.", StringComparison.Ordinal))
        {
            // The model: "Source ... must not start with aws."; those are AWS's own services.
            throw new InvalidRequest($"Trigger source '{request.TriggerSource}' is reserved for AWS services; use another prefix.",
                "triggerDetails.source");
        }
        var scope = context.Scope();
        var now = context.Now();
        var items = RelatedItemRecords.Parse(request.RelatedItemsJson, now);
        await using var session = await store.OpenCreateAsync(scope, context.Operation, request.ClientToken, ct);
        if (await Idempotency.ReplayAsync(session, context, request.ClientToken, ResourceTypes.IncidentRecord, ct) is { } earlier)
        {
            return new IncidentStartResult(earlier, Deduplicated: false);
        }
        if (await session.FindReplicationSetAsync(ct) is null)
        {
            throw new InvalidRequest(
                "The account has no replication set; create one with CreateReplicationSet before starting incidents.", "responsePlanArn");
        }
        var plan = await FindPlanAsync(session, scope, request.ResponsePlanArn, ct)
            ?? throw new ResourceNotFound(request.ResponsePlanArn, "RESPONSE_PLAN", $"Response plan {request.ResponsePlanArn} not found.");
        var key = DedupeKey(plan, request.TriggerArn);

        // A start whose key an OPEN incident holds joins it; a start that loses the race for the
        // key to a concurrent one finds the winner once its insert is refused, and joins it too.
        // The loop ends: each refusal means an OPEN incident held the key a moment ago, and it
        // is only retried when that incident was resolved in between.
        for (var attempt = 0; ; attempt++)
        {
            if (await session.FindOpenIncidentAsync(key, ct) is { } open)
            {
                var openArn = IncidentArns.Incident(scope, open.PlanName, open.Id);
                await session.InsertIncidentEventAsync(CalloutEvents.New(open.Id, EventId(), CalloutEvents.IncidentDeduplicated, now,
                    [("source", request.TriggerSource), ("triggerArn", request.TriggerArn), ("createdBy", request.CreatedBy),
                     ("title", request.Title), ("dedupeString", key)]), ct);
                await Idempotency.RememberAsync(session, context, request.ClientToken, openArn, ct);
                await session.CommitAuditedAsync(context, openArn, ct);
                return new IncidentStartResult(openArn, Deduplicated: true);
            }
            var incident = NewIncident(plan, request, scope, key, now);
            if (await session.InsertIncidentAsync(incident, ct))
            {
                return await EngageAsync(session, context, plan, incident, items, request, now, ct);
            }
            if (attempt >= 3)
            {
                throw new ResourceConflict(request.ResponsePlanArn, ResourceTypes.IncidentRecord,
                    $"Incidents with dedupe string '{key}' are being opened and resolved too quickly; try again.");
            }
        }
    }

    async Task<IncidentStartResult> EngageAsync(IStoreSession session, RequestContext context, ResponsePlan plan, Incident incident,
        IReadOnlyList<IncidentItem> items, IncidentStartRequest request, Instant now, CancellationToken ct)
    {
        var scope = context.Scope();
        var arn = IncidentArns.Incident(scope, incident.PlanName, incident.Id);
        await session.InsertIncidentEventAsync(CalloutEvents.New(incident.Id, EventId(), CalloutEvents.IncidentCreated, now,
            [("source", incident.Source.Source), ("triggerArn", request.TriggerArn), ("createdBy", incident.Source.CreatedBy),
             ("responsePlanArn", incident.ResponsePlanArn), ("dedupeString", incident.DedupeString)]), ct);
        foreach (var item in items)
        {
            await session.InsertIncidentItemAsync(item with { IncidentId = incident.Id }, ct);
        }
        if (plan.Template.IncidentTags.Count > 0)
        {
            await session.SetTagsAsync(arn, plan.Template.IncidentTags, ct);
        }
        var started = new List<(ResourceArn Arn, Domain.Engagements.Timeline Timeline)>();
        var message = new EngagementMessage(plan.Name, incident.Title, incident.Summary ?? incident.Title, null, null, arn);
        // The plan's contacts in one read rather than one each: on PostgreSQL every read is a round
        // trip, and the incident's first pages wait for this transaction to commit.
        var aliases = plan.Engagements.Select(arn => AliasIn(scope, arn)).OfType<string>().ToList();
        var contacts = aliases.Count == 0 ? []
            : (await session.FindContactsAsync(aliases, ct)).ToDictionary(c => c.Alias, StringComparer.Ordinal);
        foreach (var contactArn in plan.Engagements)
        {
            var contact = AliasIn(scope, contactArn) is { } alias ? contacts.GetValueOrDefault(alias) : null;
            string? reason = contact is null
                ? "The contact does not exist in the account and region the incident was started in."
                : !EngagementLaunch.HasPlan(contact) ? "The contact has no engagement plan to run." : null;
            if (reason is not null)
            {
                // The incident still opens: an alert must never be lost because a plan names a
                // contact deleted since; the timeline says who was not engaged and why.
                await session.InsertIncidentEventAsync(CalloutEvents.New(incident.Id, EventId(), CalloutEvents.EngagementNotStarted, now,
                    [("contactArn", contactArn), ("reason", reason)]), ct);
                continue;
            }
            var engagement = await EngagementLaunch.InsertAsync(session, scope, contact!, message, settings, NewId, now, ct);
            started.Add(engagement);
            await session.InsertIncidentEventAsync(CalloutEvents.New(incident.Id, EventId(), CalloutEvents.EngagementStarted, now,
                [("engagementArn", engagement.Arn.ToString()), ("contactArn", contactArn)], engagement.Arn.ToString()), ct);
        }
        await Idempotency.RememberAsync(session, context, request.ClientToken, arn, ct);
        await session.CommitAuditedAsync(context, arn, ct);
        if (started.Count > 0)
        {
            engine.Wake();
        }
        foreach (var (engagementArn, timeline) in started)
        {
            nobody.Report(engagementArn, timeline.Unreached);
        }
        return new IncidentStartResult(arn, Deduplicated: false);
    }

    public async Task<Incident> SaveAsync(IStoreSession session, RequestContext context, Incident before, Incident after, string by,
        string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var now = context.Now();
        var engagementScope = AccountScope.For(before.EngagedRegion, context.AccountId);
        var arn = IncidentArns.Incident(engagementScope, before.PlanName, before.Id);
        after = after with { LastModifiedBy = by, LastModifiedAt = now };
        var stopped = 0;
        if (after.Status != before.Status)
        {
            after = after with { ResolvedAt = after.Status == IncidentStatus.Resolved ? now : null };
            if (after.Status == IncidentStatus.Resolved)
            {
                stopped = await StopEngagementsAsync(session, arn, now, reason ?? "Incident resolved", ct);
            }
            await session.InsertIncidentEventAsync(CalloutEvents.New(before.Id, EventId(), CalloutEvents.StatusChanged, now,
                [("oldStatus", StatusText(before.Status)), ("newStatus", StatusText(after.Status)), ("modifiedBy", by),
                 ("reason", reason), ("engagementsStopped", after.Status == IncidentStatus.Resolved ? stopped.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)]), ct);
        }
        if (!await session.UpdateIncidentAsync(after, ct))
        {
            var holder = await session.FindOpenIncidentAsync(after.DedupeString, ct);
            throw new ResourceConflict(arn, ResourceTypes.IncidentRecord,
                $"Incident {arn} cannot be reopened: incident {(holder is null ? "another" : IncidentArns.Incident(engagementScope, holder.PlanName, holder.Id))} is OPEN with the same dedupe string '{after.DedupeString}'.");
        }
        return after;
    }

    /// Stops the incident's running engagements, each with the reason; returns how many it stopped.
    /// Each engagement's lock comes first, then the steps of all of them in one id order
    /// (IStepSession.LockPendingStepsAsync), as a session sending pages of several of them takes
    /// theirs; stopping them one by one would take the steps out of that order.
    static async Task<int> StopEngagementsAsync(IStoreSession session, string incidentArn, Instant now, string reason, CancellationToken ct)
    {
        var running = new List<Engagement>();
        (Instant, string)? after = null;
        while (true)
        {
            var page = await session.ListEngagementsAsync(incidentArn, null, null, after, 100, ct);
            running.AddRange(page.Where(e => e.Running));
            if (page.Count < 100)
            {
                break;
            }
            after = (page[^1].StartTime, page[^1].Id);
        }
        if (running.Count > 1)
        {
            foreach (var engagement in running)
            {
                await session.LockEngagementAsync(engagement.Id, ct);
            }
            await session.LockPendingStepsAsync([.. running.Select(e => e.Id)], ct);
        }
        foreach (var engagement in running)
        {
            await EngagementActions.StopAsync(session, engagement, now, reason, StopReasons.EngagementStopped, ct);
        }
        return running.Count;
    }

    public async Task<string?> ResolveAsync(RequestContext context, string responsePlanArn, string? triggerArn, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await OnOpenIncidentAsync(context, responsePlanArn, triggerArn, async (session, audited, incident, arn) =>
        {
            await SaveAsync(session, audited, incident, incident with { Status = IncidentStatus.Resolved },
                incident.Source.CreatedBy, reason, ct);
            await session.CommitAuditedAsync(audited, arn, ct);
        }, ct);
    }

    public async Task<string?> AcknowledgeAsync(RequestContext context, string responsePlanArn, string? triggerArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await OnOpenIncidentAsync(context, responsePlanArn, triggerArn, async (session, audited, incident, arn) =>
        {
            var now = context.Now();
            (Instant, string)? after = null;
            while (true)
            {
                var engagements = await session.ListEngagementsAsync(arn, null, null, after, 100, ct);
                foreach (var engagement in engagements)
                {
                    foreach (var page in await session.UnreadPagesAsync(engagement.Id, null, ct))
                    {
                        // As AcceptPage with READ would: the engagement stops when its rules say so.
                        await actions.AcceptAsync(session, page, AcceptKind.Read, "", "Acknowledged by the alert's sender",
                            enforceCode: false, now, ct);
                    }
                }
                if (engagements.Count < 100)
                {
                    break;
                }
                after = (engagements[^1].StartTime, engagements[^1].Id);
            }
            await session.CommitAuditedAsync(audited, arn, ct);
        }, ct);
    }

    /// Runs `work` on the OPEN incident a start of this plan and trigger would dedupe into, in a
    /// session of the region whose contacts it engaged (its engagements and pages live there),
    /// with the context's region set to match for the audit record. Null when there is none.
    async Task<string?> OnOpenIncidentAsync(RequestContext context, string responsePlanArn, string? triggerArn,
        Func<IStoreSession, RequestContext, Incident, string, Task> work, CancellationToken ct)
    {
        var scope = context.Scope();
        Incident? incident;
        await using (var reading = await store.OpenAsync(scope, write: false, ct))
        {
            var plan = await FindPlanAsync(reading, scope, responsePlanArn, ct);
            var key = plan is null ? "" : DedupeKey(plan, triggerArn);
            incident = await reading.FindOpenIncidentAsync(key, ct);
        }
        if (incident is null)
        {
            return null;
        }
        var audited = context with { Region = incident.EngagedRegion };
        await using var session = await store.OpenAsync(audited.Scope(), write: true, ct);
        // Read again inside the writing session: another caller may have resolved it meanwhile.
        var current = await session.FindIncidentAsync(incident.Id, ct);
        if (current is not { Status: IncidentStatus.Open })
        {
            return null;
        }
        var arn = IncidentArns.Incident(scope, current.PlanName, current.Id);
        await work(session, audited, current, arn);
        return arn;
    }

    /// The alias of a contact ARN of the scope; null for anything else.
    static string? AliasIn(AccountScope scope, string contactArn) =>
        ResourceArn.TryParse(contactArn, out var parsed) && parsed.Scope == scope && parsed.Kind == ResourceKind.Contact ? parsed.Alias : null;

    /// docs/spec/incidents.md §4: the plan's dedupe string for every start of the plan, else the
    /// trigger's ARN, else none ("").
    static string DedupeKey(ResponsePlan plan, string? triggerArn) =>
        !string.IsNullOrEmpty(plan.Template.DedupeString) ? plan.Template.DedupeString : triggerArn ?? "";

    static async Task<ResponsePlan?> FindPlanAsync(IStoreSession session, AccountScope scope, string arn, CancellationToken ct)
    {
        var prefix = IncidentArns.ResponsePlan(scope, "");
        return arn.StartsWith(prefix, StringComparison.Ordinal) && arn.Length > prefix.Length
            ? await session.FindResponsePlanAsync(arn[prefix.Length..], ct)
            : null;
    }

    Incident NewIncident(ResponsePlan plan, IncidentStartRequest request, AccountScope scope, string key, Instant now)
    {
        var template = plan.Template;
        var targets = template.NotificationTargets.Count == 0
            ? null
            : ShapeJson.WriteList(template.NotificationTargets.Select(t => new NotificationTargetItem { SnsTopicArn = t }).ToList(),
                ShapeWriters.WriteNotificationTargetItem);
        return new Incident(OrderedIds.Next(time.GetUtcNow()), plan.Name, IncidentArns.ResponsePlan(scope, plan.Name), request.Title ?? template.Title,
            request.Summary ?? template.Summary, request.Impact ?? template.Impact, IncidentStatus.Open, key,
            new IncidentSource(request.CreatedBy, request.InvokedBy, request.TriggerArn, request.TriggerSource),
            scope.Region, plan.ChatChannelJson, targets, now, null, request.CreatedBy, now);
    }

    internal static string StatusText(IncidentStatus status) => status == IncidentStatus.Open ? "OPEN" : "RESOLVED";

    string NewId() => Guid.CreateVersion7(time.GetUtcNow()).ToString();

    string EventId() => OrderedIds.Next(time.GetUtcNow());
}
