using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Delivery;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Callout.Engine.Processing;

/// Carries out one due step. Sends happen in three moves so none is made twice: record the send as
/// pending and commit, call the provider, record the outcome. A pending record found later means
/// the node died in between; the outcome is then unknown and is recorded as such, not repeated.
public sealed partial class StepProcessor(
    IContactStore store,
    DeliveryRouter router,
    IOnCallResolver onCall,
    EngineSecrets secrets,
    EngineSettings settings,
    EngineOptions options,
    EngineMetrics metrics,
    TimeProvider time,
    ILogger<StepProcessor> log)
{
    public Task ProcessAsync(ClaimedStep claimed, CancellationToken ct) => claimed.Step.Kind switch
    {
        StepKind.SendPage => SendPageAsync(claimed.Scope, claimed.Step, claimed.Owner, ct),
        StepKind.EnterSchedule => EnterScheduleAsync(claimed.Scope, claimed.Step, claimed.Owner, ct),
        StepKind.Finish => FinishAsync(claimed.Scope, claimed.Step, claimed.Owner, ct),
        _ => throw new InvalidOperationException("Unknown step kind " + claimed.Step.Kind),
    };

    /// Completes the step and commits what the session did with it, but only while this claim
    /// still holds the step: a runner whose lease ran out, and whose step another claim took over
    /// or the engagement's stop finished, leaves its work uncommitted (the session rolls back).
    async Task CompleteAsync(IStoreSession session, EngagementStep step, string owner, CancellationToken ct)
    {
        if (!await session.CompleteStepAsync(step.Id, owner, ct))
        {
            LogNotHeld(step.Id, step.Kind.ToString());
            return;
        }
        await session.CommitAsync(ct);
    }

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// Each session of a send locks only the page (IContactStore.OpenPageAsync), so the pages of an
    /// engagement, which fall due together, go out side by side.
    async Task SendPageAsync(AccountScope scope, EngagementStep step, string owner, CancellationToken ct)
    {
        var started = Now();
        var key = $"{step.PageId}:{step.Attempt}";
        var channelId = ResourceArn.TryParse(step.ChannelArn ?? "", out var arn) ? arn.Id : null;
        Engagement engagement;
        Page page;
        Domain.Channels.ContactChannel channel;
        await using (var session = await store.OpenPageAsync(scope, step.PageId ?? throw new InvalidOperationException("A send step names no page."), ct))
        {
            var state = await session.ReadSendStateAsync(step, channelId, key, owner, ct);
            // Nothing to do once the engagement stopped or the person acknowledged; a deleted or
            // deactivated channel is skipped without a page or receipt (spec/domain.md §2.2).
            if (state.Engagement is not { Running: true } found || state.Acknowledged
                || state.Channel is not { } target || target.ContactAlias != step.ContactAlias || !target.Activated)
            {
                await CompleteAsync(session, step, owner, ct);
                return;
            }
            engagement = found;
            channel = target;
            page = state.Page ?? await CreatePageAsync(session, scope, step, target.Id, started, ct);

            if (state.Delivery is { } earlier)
            {
                if (earlier.Status == DeliveryStatus.Pending)
                {
                    await session.PutDeliveryAsync(earlier with { Status = DeliveryStatus.Unknown, UpdatedAt = started }, ct);
                    await session.AddReceiptAsync(new Receipt(page.Id, channel.Id, ReceiptKind.Error,
                        "OUTCOME_UNKNOWN: the send was interrupted before the provider answered; it is not repeated", started), ct);
                    LogUnknown(key);
                }
                await CompleteAsync(session, step, owner, ct);
                return;
            }
            // The send goes ahead only while this claim holds the step; the pending record then
            // keeps any later claim from sending it again.
            if (!state.Held)
            {
                LogNotHeld(step.Id, step.Kind.ToString());
                return;
            }
            await session.PutDeliveryAsync(new DeliveryRecord(key, page.Id, DeliveryStatus.Pending, null, started), ct);
            await session.CommitAsync(ct);
        }

        metrics.Lateness((started - step.Due).ToTimeSpan());
        var message = await MessageAsync(scope, engagement, page, channel, key, ct);
        var provider = router.For(channel.Kind);
        SendResult result;
        try
        {
            result = await provider.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The provider may or may not have the message: leave the record pending, so whoever
            // picks the step up again records the outcome as unknown.
            metrics.ProviderError(provider.Name);
            LogProviderFailure(e, provider.Name, key);
            return;
        }

        var finished = Now();
        await using (var session = await store.OpenPageAsync(scope, page.Id, ct))
        {
            if (result.Accepted)
            {
                await session.AddReceiptAsync(new Receipt(page.Id, channel.Id, ReceiptKind.Sent, result.ProviderMessageId, finished), ct);
                await session.MarkPageSentAsync(page.Id, finished, ct);
                await session.PutDeliveryAsync(new DeliveryRecord(key, page.Id, DeliveryStatus.Sent, result.ProviderMessageId, finished), ct);
            }
            else
            {
                metrics.ProviderError(provider.Name);
                await session.AddReceiptAsync(new Receipt(page.Id, channel.Id, ReceiptKind.Error, Truncate(result.Error ?? "send failed"), finished), ct);
                await session.PutDeliveryAsync(new DeliveryRecord(key, page.Id, DeliveryStatus.Failed, null, finished), ct);
            }
            // The outcome is known, so it is recorded even when a later claim took the step over
            // meanwhile (that claim found the pending record and sent nothing).
            await session.CompleteStepQuietlyAsync(step.Id, owner, ct);
            await session.CommitAsync(ct);
        }
        metrics.PageSent(channel.Kind.ToString().ToUpperInvariant(), result.Accepted ? "sent" : "error");
    }

    static async Task<Page> CreatePageAsync(IStoreSession session, AccountScope scope, EngagementStep step, string channelId, Instant now, CancellationToken ct)
    {
        var page = new Page(new ResourceArn(scope, ResourceKind.Page, step.ContactAlias + "/" + step.PageId), step.EngagementId,
            step.ContactAlias!, channelId, step.Resolution ?? [], step.Essential, now, null, null, null);
        await session.InsertPageAsync(page, ct);
        return page;
    }

    async Task<OutgoingMessage> MessageAsync(AccountScope scope, Engagement engagement, Page page, Domain.Channels.ContactChannel channel, string key, CancellationToken ct)
    {
        var code = AcceptCodes.For(await secrets.AcceptCodesAsync(ct), page.Arn.ToString());
        var token = AcknowledgeLinks.Token(await secrets.LinksAsync(ct), scope, page.Id);
        var ackUrl = new Uri(options.PublicUrl, "_callout/ack/" + token).ToString();
        var voiceUrl = new Uri(options.PublicUrl, "_callout/voice/" + token).ToString();
        var text = PageMessages.For(engagement, channel.Kind, page.ContactAlias, code, ackUrl);
        return new OutgoingMessage(scope, key, channel.Kind, channel.Address, text.Subject, text.Body,
            channel.Kind == Domain.Channels.ChannelKind.Email ? ackUrl : null,
            channel.Kind == Domain.Channels.ChannelKind.Voice ? voiceUrl : null);
    }

    /// Who is on call is looked up before the write session opens: the lookup reads the store, and
    /// a store may serve one session at a time.
    async Task EnterScheduleAsync(AccountScope scope, EngagementStep step, string owner, CancellationToken ct)
    {
        Engagement? engagement;
        EngagementSnapshot? snapshot;
        await using (var read = await store.OpenAsync(scope, write: false, ct))
        {
            engagement = await read.FindEngagementAsync(step.EngagementId, ct);
            snapshot = await read.FindSnapshotAsync(step.EngagementId, ct);
        }
        ContactSnapshot? schedule = null;
        var running = engagement is { Running: true } && snapshot is not null && snapshot.Contacts.TryGetValue(step.ContactAlias!, out schedule);
        var people = running ? await onCall.OnCallAsync(scope, schedule!, step.Due, ct) : [];

        await using var session = await store.OpenEngagementAsync(scope, step.EngagementId, ct);
        if (running)
        {
            var planner = new EngagementPlanner(snapshot!, step.EngagementId, settings, () => Guid.CreateVersion7(time.GetUtcNow()).ToString());
            var timeline = planner.EnterPeople(people, step.Resolution ?? [], step.Due, step.Essential);
            await session.InsertStepsAsync(timeline.Steps, ct);
            await session.ExtendFinishAsync(step.EngagementId, timeline.End, ct);
        }
        await CompleteAsync(session, step, owner, ct);
    }

    /// The natural end: every plan's last stage is over and no retry is left (spec/domain.md §3.6).
    /// The engine runs an end after the sends of its own batch; a send due by then that another
    /// runner still holds (several nodes, or a step that failed and waits for its lease to run out)
    /// goes first, and the end is tried again a second later.
    async Task FinishAsync(AccountScope scope, EngagementStep step, string owner, CancellationToken ct)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send {Key} was interrupted earlier; its outcome is unknown and it is not repeated")]
    partial void LogUnknown(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {StepId} ({Kind}) is no longer held by this claim (its lease ran out and another runner took it, or it was finished); its work is dropped")]
    partial void LogNotHeld(string stepId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} failed on send {Key}; the outcome is unknown")]
    partial void LogProviderFailure(Exception exception, string provider, string key);
}
