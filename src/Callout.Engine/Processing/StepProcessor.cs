using System.Diagnostics;
using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Engine.Delivery;
using Callout.Engine.Tracing;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Callout.Engine.Processing;

/// Carries out due steps. Sends happen in three moves: record the send as pending and commit,
/// call the provider, record the outcome. A pending record found later means the node died in
/// between (or could not record the outcome); the send is then made again with the same key, which
/// providers that honour one drop as a duplicate (docs/decisions.md, "No page lost"): a page
/// seen twice is a nuisance, a page never sent is an outage.
/// Sends claimed together (SendGroups) make each move together: one session records them all as
/// pending, the providers are called side by side, one session records every outcome.
public sealed partial class StepProcessor(
    IStore store,
    DeliveryRouter router,
    IOnCallResolver onCall,
    EngineSecrets secrets,
    EngineSettings settings,
    EngineOptions options,
    EngineMetrics metrics,
    StagesWithoutAnyone nobody,
    TimeProvider time,
    ILogger<StepProcessor> log)
{
    public async Task ProcessAsync(ClaimedStep claimed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (claimed.Step is SendPageStep send)
        {
            // Each send has a span of its own (DeliverAsync), as it has when sent in a group.
            await SendPagesAsync([new ClaimedSend(claimed.Scope, send, claimed.Owner)], ct);
            return;
        }
        using var span = StartStepSpan(claimed.Scope, claimed.Step);
        try
        {
            await (claimed.Step switch
            {
                EnterScheduleStep enter => EnterScheduleAsync(claimed.Scope, enter, claimed.Owner, ct),
                FinishStep finish => FinishAsync(claimed.Scope, finish, claimed.Owner, ct),
                _ => throw new InvalidOperationException("Unknown step type " + claimed.Step.GetType().Name),
            });
        }
        catch (Exception e)
        {
            Traces.Failed(span, e.GetType().Name);
            throw;
        }
    }

    /// The engine's span for a step: a child of the span that created the step, stored with it, so
    /// a page's path from the call or alert that started it to the provider is one trace however
    /// much later, and on whichever node, the step runs (docs/decisions.md).
    static Activity? StartStepSpan(AccountScope scope, EngagementStep step)
    {
        var type = KindOf(step);
        var kind = type.EndsWith("Step", StringComparison.Ordinal) ? type[..^4] : type;
        var span = Traces.StartChildOf(Traces.Engine, "engine " + kind, ActivityKind.Internal, step.TraceParent);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("callout.step.id", step.Id);
            span.SetTag("callout.step.kind", kind);
            span.SetTag("callout.engagement.id", step.EngagementId);
            span.SetTag("cloud.account.id", scope.AccountId);
            span.SetTag("aws.region", scope.Region);
        }
        return span;
    }

    /// How logs name a step's kind.
    internal static string KindOf(EngagementStep step) => step.GetType().Name;

    /// Completes the step and commits what the session did with it, but only while this claim
    /// still holds the step: a runner whose lease ran out, and whose step another claim took over
    /// or the engagement's stop finished, leaves its work uncommitted (the session rolls back).
    async Task<bool> CompleteAsync(IStoreSession session, EngagementStep step, string owner, CancellationToken ct)
    {
        if (!await session.CompleteStepAsync(step.Id, owner, ct))
        {
            LogNotHeld(step.Id, KindOf(step));
            return false;
        }
        await session.CommitAsync(ct);
        return true;
    }

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// A send ready for its provider: recorded as pending, and held by this claim.
    sealed record ReadySend(ClaimedSend Claimed, string Key, Engagement Engagement, Page Page, ContactChannel Channel);

    /// What a provider answered for a send; Result is null when it failed without an answer.
    /// LeftPending sends are not recorded: their pending record has them sent again later.
    sealed record SendOutcome(ReadySend Send, SendResult? Result, Instant Finished)
    {
        public bool LeftPending { get; init; }
    }

    /// Sends of one scope, each on a page of its own (SendGroups). The sessions lock only the
    /// pages (IStore.OpenPagesAsync), so the pages of an engagement, which fall due
    /// together, go out side by side with other runners' and with the engagement's own work.
    /// Steps are written in id order, the order a stop cancels them in (so neither waits for the
    /// other in a circle).
    public async Task SendPagesAsync(IReadOnlyList<ClaimedSend> sends, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sends);
        if (sends.Count == 0)
        {
            return;
        }
        var scope = sends[0].Scope;
        var pageIds = sends.Select(c => c.Step.PageId).ToList();
        if (sends.Any(c => c.Scope != scope) || pageIds.Distinct(StringComparer.Ordinal).Count() != pageIds.Count)
        {
            throw new ArgumentException("Sends run together must share a scope and each have a page of their own.", nameof(sends));
        }
        var ordered = sends.OrderBy(c => c.Step.Id, StringComparer.Ordinal).ToList();
        var started = Now();
        var ready = new List<ReadySend>(ordered.Count);
        await using (var session = await store.OpenPagesAsync(scope, pageIds, ct))
        {
            var states = await session.ReadSendStatesAsync(
                [.. ordered.Select(c => new SendQuery(c.Step, ChannelIdOf(c.Step), DeliveryKey(c.Step), c.Owner))], ct);
            for (var i = 0; i < ordered.Count; i++)
            {
                if (await PrepareAsync(session, ordered[i], states[i], started, ct) is { } send)
                {
                    ready.Add(send);
                }
            }
            await session.CommitAsync(ct);
        }
        if (ready.Count == 0)
        {
            return;
        }

        foreach (var send in ready)
        {
            metrics.Lateness((started - send.Claimed.Step.Due).ToTimeSpan());
        }
        var outcomes = await Task.WhenAll(ready.Select(send => DeliverAsync(scope, send, ct)));
        var known = outcomes.Where(o => !o.LeftPending).ToList();
        if (known.Count == 0)
        {
            return;
        }
        await using (var session = await store.OpenPagesAsync(scope, [.. known.Select(o => o.Send.Page.Id)], ct))
        {
            foreach (var outcome in known)
            {
                await RecordOutcomeAsync(session, outcome, ct);
            }
            await session.CommitAsync(ct);
        }
        foreach (var outcome in known)
        {
            metrics.PageSent(ExternalNames.ChannelKinds.Of(outcome.Send.Channel.Kind), outcome.Result is { Accepted: true } ? "sent" : "error");
        }
    }

    /// The first move for one send, in the group's session: a send found with nothing to do, or
    /// interrupted earlier, is finished here; one to make is recorded as pending and returned.
    async Task<ReadySend?> PrepareAsync(IStoreSession session, ClaimedSend claimed, SendState state, Instant now, CancellationToken ct)
    {
        var (scope, step, owner) = claimed;
        // The send goes ahead, and anything is written for it, only while this claim holds the
        // step; the pending record then keeps any later claim from sending it again.
        if (!state.Held)
        {
            LogNotHeld(step.Id, KindOf(step));
            return null;
        }
        // Nothing to do once the engagement stopped or the person acknowledged; a deleted or
        // deactivated channel is skipped without a page or receipt (docs/spec/domain.md §2.2).
        if (state.Engagement is not { Running: true } engagement || state.Acknowledged
            || state.Channel is not { } channel || channel.ContactAlias != step.ContactAlias || !channel.Activated)
        {
            await session.CompleteStepQuietlyAsync(step.Id, owner, ct);
            return null;
        }
        var page = state.Page ?? await CreatePageAsync(session, scope, step, channel.Id, now, ct);
        var key = DeliveryKey(step);
        if (state.Delivery is { } earlier)
        {
            if (earlier.Status != DeliveryStatus.Pending)
            {
                await session.CompleteStepQuietlyAsync(step.Id, owner, ct);
                return null;
            }
            // Interrupted before its outcome was recorded: the provider may or may not have it, so
            // it goes again under the same key.
            LogResent(key);
            await session.PutDeliveryAsync(earlier with { UpdatedAt = now }, ct);
            return new ReadySend(claimed, key, engagement, page, channel);
        }
        await session.PutDeliveryAsync(new DeliveryRecord(key, page.Id, DeliveryStatus.Pending, null, now), ct);
        return new ReadySend(claimed, key, engagement, page, channel);
    }

    /// The second move: the provider call. It never throws but when cancelled. A provider whose
    /// answer left the outcome in doubt was already asked again with the same key (RetryingSender);
    /// if it is still in doubt after every try, the outcome is recorded as unknown rather than
    /// tried at every lease for ever.
    async Task<SendOutcome> DeliverAsync(AccountScope scope, ReadySend send, CancellationToken ct)
    {
        using var span = StartStepSpan(scope, send.Claimed.Step);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("callout.page.arn", send.Page.Arn.ToString());
            span.SetTag("callout.delivery.key", send.Key);
            span.SetTag("callout.delivery.attempt", send.Claimed.Step.Attempt);
        }
        var outcome = await MessageAndSendAsync(scope, send, span, ct);
        if (outcome.LeftPending)
        {
            Traces.Failed(span, "MessageFailed");
        }
        return outcome;
    }

    async Task<SendOutcome> MessageAndSendAsync(AccountScope scope, ReadySend send, Activity? step, CancellationToken ct)
    {
        OutgoingMessage message;
        try
        {
            message = await MessageAsync(scope, send.Engagement, send.Page, send.Channel, send.Key, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing left this node. The record stays pending, so the send is made when the lease
            // runs out (the store it reads may be back by then) rather than dropped.
            LogMessageFailure(e, send.Key);
            return new SendOutcome(send, null, Now()) { LeftPending = true };
        }
        var provider = router.For(send.Channel.Kind);
        var channel = ExternalNames.ChannelKinds.Of(send.Channel.Kind);
        // The provider call's span, under the step's (none when the sampler dropped the step's
        // trace): an HTTP provider's request carries it as its traceparent header.
        using var span = step is null ? null : Traces.Delivery.StartActivity("deliver " + provider.Name, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("callout.provider", provider.Name);
            span.SetTag("callout.channel.type", channel);
            span.SetTag("callout.delivery.key", send.Key);
        }
        try
        {
            var result = await provider.SendAsync(message, ct);
            if (result.Accepted)
            {
                span?.SetTag("callout.delivery.outcome", "sent");
                LogSent(send.Page.Arn, channel, provider.Name, send.Key);
            }
            else
            {
                var outcome = result.Permanent ? "refused" : "failed";
                span?.SetTag("callout.delivery.outcome", outcome);
                Traces.Failed(span, result.Permanent ? "ProviderRefused" : "ProviderFailed");
                LogRefused(send.Page.Arn, channel, provider.Name, outcome, send.Key,
                    WithoutAddress(result.Error ?? "no reason given", send.Channel.Address));
            }
            return new SendOutcome(send, result, Now());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.ProviderError(provider.Name);
            span?.SetTag("callout.delivery.outcome", "unknown");
            Traces.Failed(span, e.GetType().Name);
            LogProviderFailure(send.Page.Arn, channel, provider.Name, send.Key, WithoutAddress(e.Message, send.Channel.Address), e.GetType().Name);
            return new SendOutcome(send, null, Now());
        }
    }

    /// Logs never carry an address (docs/operations.md), and a provider's reason may quote it
    /// (Twilio's "The 'To' number +1555... is not a valid phone number").
    static string WithoutAddress(string reason, string address) =>
        address.Length == 0 ? reason : reason.Replace(address, "<address>", StringComparison.OrdinalIgnoreCase);

    /// The third move for one send. The outcome is recorded even when a later claim took the step
    /// over meanwhile (that claim, finding the pending record, sent again under the same key).
    /// A null result is a provider still in doubt after every try (DeliverAsync).
    async Task RecordOutcomeAsync(IStoreSession session, SendOutcome outcome, CancellationToken ct)
    {
        var (send, result, finished) = outcome;
        var pageId = send.Page.Id;
        var channelId = send.Channel.Id;
        if (result is null)
        {
            await session.PutDeliveryAsync(new DeliveryRecord(send.Key, pageId, DeliveryStatus.Unknown, null, finished), ct);
            await session.AddReceiptAsync(new Receipt(pageId, channelId, ReceiptKind.Error,
                $"OUTCOME_UNKNOWN: the provider left the outcome in doubt after {RetryingSender.Attempts} tries with the same key", finished), ct);
            LogUnknown(send.Key);
        }
        else if (result.Accepted)
        {
            await session.AddReceiptAsync(new Receipt(pageId, channelId, ReceiptKind.Sent, result.ProviderMessageId, finished), ct);
            await session.MarkPageSentAsync(pageId, finished, ct);
            await session.PutDeliveryAsync(new DeliveryRecord(send.Key, pageId, DeliveryStatus.Sent, result.ProviderMessageId, finished), ct);
            await NoteOnIncidentAsync(session, send, finished, ct);
        }
        else
        {
            metrics.ProviderError(router.For(send.Channel.Kind).Name);
            await session.AddReceiptAsync(new Receipt(pageId, channelId, ReceiptKind.Error, Truncate(result.Error ?? "send failed"), finished), ct);
            await session.PutDeliveryAsync(new DeliveryRecord(send.Key, pageId, DeliveryStatus.Failed, null, finished), ct);
        }
        await session.CompleteStepQuietlyAsync(send.Claimed.Step.Id, send.Claimed.Owner, ct);
    }

    /// A page of an engagement that an SSM Incidents incident started goes on the incident's
    /// timeline, in the session that records it sent (docs/incidents.md, "Timeline events").
    Task NoteOnIncidentAsync(IStoreSession session, ReadySend send, Instant finished, CancellationToken ct)
    {
        var scope = send.Claimed.Scope;
        if (IncidentArns.IncidentId(scope, send.Engagement.IncidentId) is not { } incidentId)
        {
            return Task.CompletedTask;
        }
        var page = send.Page.Arn.ToString();
        return session.InsertIncidentEventAsync(CalloutEvents.New(incidentId, OrderedIds.Next(time.GetUtcNow()),
            CalloutEvents.PageSent, finished,
            [
                ("pageArn", page),
                ("engagementArn", send.Engagement.Arn.ToString()),
                ("contactArn", ResourceArn.Contact(scope, send.Page.ContactAlias).ToString()),
                ("channelType", ExternalNames.ChannelKinds.Of(send.Channel.Kind)),
            ], page), ct);
    }

    static string DeliveryKey(SendPageStep step) => $"{step.PageId}:{step.Attempt}";

    static string? ChannelIdOf(SendPageStep step) => ResourceArn.TryParse(step.ChannelArn, out var arn) ? arn.Id : null;

    static async Task<Page> CreatePageAsync(IStoreSession session, AccountScope scope, SendPageStep step, string channelId, Instant now, CancellationToken ct)
    {
        var page = new Page(new ResourceArn(scope, ResourceKind.Page, step.ContactAlias + "/" + step.PageId), step.EngagementId,
            step.ContactAlias, channelId, step.Resolution, step.Essential, now, null, null, null);
        await session.InsertPageAsync(page, ct);
        return page;
    }

    async Task<OutgoingMessage> MessageAsync(AccountScope scope, Engagement engagement, Page page, ContactChannel channel, string key, CancellationToken ct)
    {
        var code = AcceptCodes.For(await secrets.AcceptCodesAsync(ct), page.Arn.ToString());
        var token = AcknowledgeLinks.Token(await secrets.LinksAsync(ct), scope, page.Id);
        var ackUrl = new Uri(options.PublicUrl, "_callout/ack/" + token).ToString();
        var voiceUrl = new Uri(options.PublicUrl, "_callout/voice/" + token).ToString();
        var text = PageMessages.For(engagement, channel.Kind, page.ContactAlias, code, ackUrl);
        return new OutgoingMessage(scope, key, channel.Kind, channel.Address, text.Subject, text.Body,
            channel.Kind == Domain.Channels.ChannelKind.Email ? ackUrl : null,
            channel.Kind == Domain.Channels.ChannelKind.Voice ? voiceUrl : null)
        {
            ChannelArn = channel.Arn,
            PageArn = page.Arn,
            EngagementArn = engagement.Arn,
        };
    }

    /// Who is on call is looked up before the write session opens: the lookup reads the store, and
    /// a store may serve one session at a time.
    async Task EnterScheduleAsync(AccountScope scope, EnterScheduleStep step, string owner, CancellationToken ct)
    {
        Engagement? engagement;
        EngagementSnapshot? snapshot;
        await using (var read = await store.OpenAsync(scope, write: false, ct))
        {
            engagement = await read.FindEngagementAsync(step.EngagementId, ct);
            snapshot = await read.FindSnapshotAsync(step.EngagementId, ct);
        }
        ContactSnapshot? schedule = null;
        var running = engagement is { Running: true } && snapshot is not null && snapshot.Contacts.TryGetValue(step.ContactAlias, out schedule);
        var people = running ? await onCall.OnCallAsync(scope, schedule!, step.Due, ct) : null;

        Timeline? timeline = null;
        await using (var session = await store.OpenEngagementAsync(scope, step.EngagementId, ct))
        {
            if (running)
            {
                var planner = new EngagementPlanner(snapshot!, step.EngagementId, settings, () => Guid.CreateVersion7(time.GetUtcNow()).ToString());
                timeline = planner.EnterPeople(people!.People, step.Resolution, step.Due, step.Essential);
                // The pages of the people on call continue this step's trace.
                await session.InsertStepsAsync(Traces.Stamped(timeline.Steps), ct);
                await session.ExtendFinishAsync(step.EngagementId, timeline.End, ct);
            }
            if (!await CompleteAsync(session, step, owner, ct))
            {
                return;
            }
        }
        if (timeline is { Steps.Count: 0 })
        {
            // docs/spec/domain.md §8.17: no pages and no error, but a warning.
            nobody.Report(engagement!.Arn, StagesWithoutAnyone.ScheduleStage(step.Resolution),
                people!.Rotations == 0 ? NobodyReason.NoRotations : NobodyReason.NobodyOnCall);
        }
    }

    /// The natural end: every plan's last stage is over and no retry is left (docs/spec/domain.md §3.6).
    /// The engine runs an end after the sends of its own batch; a send due by then that another
    /// runner still holds (several nodes, or a step that failed and waits for its lease to run out)
    /// goes first, and the end is tried again a second later.
    async Task FinishAsync(AccountScope scope, FinishStep step, string owner, CancellationToken ct)
    {
        await using var session = await store.OpenEngagementAsync(scope, step.EngagementId, ct);
        if (await session.HasPendingStepsAsync(step.EngagementId, step.Due, step.Id, ct))
        {
            var retry = Instant.Max(step.Due, Now()) + Duration.FromSeconds(1);
            await session.InsertStepsAsync([step with { Id = Guid.CreateVersion7(time.GetUtcNow()).ToString(), Due = retry }], ct);
        }
        else
        {
            await session.StopEngagementAsync(step.EngagementId, step.Due, null, ct);
        }
        await CompleteAsync(session, step, owner, ct);
    }

    static string Truncate(string s) => s.Length <= 2048 ? s : s[..2048];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {Key} was interrupted before its outcome was recorded; it is sent again with the same key")]
    partial void LogResent(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {Key} is recorded as of unknown outcome: the provider left it in doubt on every try")]
    partial void LogUnknown(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {StepId} ({Kind}) is no longer held by this claim (its lease ran out and another runner took it, or it was finished); its work is dropped")]
    partial void LogNotHeld(string stepId, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "The message of send {Key} could not be made; it stays pending and is tried again when its lease runs out")]
    partial void LogMessageFailure(Exception exception, string key);

    // One line per provider call (after its tries, RetryingSender): Information when the provider
    // took the page, Warning when it refused it or failed. Never the address or a code.
    [LoggerMessage(Level = LogLevel.Information, Message = "Page {PageArn} over {ChannelType} via {Provider}: sent (send {Key})")]
    partial void LogSent(ResourceArn pageArn, string channelType, string provider, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {PageArn} over {ChannelType} via {Provider}: {Outcome} (send {Key}): {Reason}")]
    partial void LogRefused(ResourceArn pageArn, string channelType, string provider, string outcome, string key, string reason);

    // The exception itself is left out: its message may quote the address, and its type and
    // (cleaned) message say what happened.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {PageArn} over {ChannelType} via {Provider}: outcome unknown after every try (send {Key}): {Reason} ({Error})")]
    partial void LogProviderFailure(ResourceArn pageArn, string channelType, string provider, string key, string reason, string error);
}
