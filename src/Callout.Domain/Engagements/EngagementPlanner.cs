using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Plans;
using NodaTime;

namespace Callout.Domain.Engagements;

/// Turns the snapshot of plans into timed steps (docs/spec/domain.md §3.2–3.4). Stage k of a plan entered
/// at T starts at T plus the durations of the stages before it; a 0-minute stage fires together
/// with the next. A channel target is paged at its stage start and again every
/// RetryIntervalInMinutes, at most MaxRetries times. Whether a step still has anything to do
/// (acknowledged, stopped, channel gone) is decided when it is due, not here.
public sealed class EngagementPlanner(EngagementSnapshot snapshot, string engagementId, EngineSettings settings, Func<string> newId)
{
    readonly List<EngagementStep> _steps = [];
    readonly List<UnreachedStage> _unreached = [];
    Instant _end;

    /// Everything the root contact's plan does from t0, ending with a Finish step.
    public Timeline Start(string rootAlias, Instant t0)
    {
        _end = t0;
        if (snapshot.Contacts.TryGetValue(rootAlias, out var root))
        {
            // Acknowledging a page of a directly engaged person or schedule ends the engagement.
            Enter(root, [], t0, essential: true);
        }
        _steps.Add(new FinishStep(newId(), engagementId, _end));
        return new Timeline(_steps, _end, _unreached);
    }

    /// The plans of the people found on call when a schedule is entered.
    public Timeline EnterPeople(IEnumerable<string> people, IReadOnlyList<ResolutionStep> path, Instant entry, bool essential)
    {
        _end = entry;
        foreach (var alias in people)
        {
            if (snapshot.Contacts.TryGetValue(alias, out var person) && person.Kind == ContactKind.Personal)
            {
                Enter(person, path, entry, essential);
            }
        }
        return new Timeline(_steps, _end, _unreached);
    }

    void Enter(ContactSnapshot contact, IReadOnlyList<ResolutionStep> path, Instant entry, bool essential)
    {
        if (contact.Kind == ContactKind.OncallSchedule)
        {
            _steps.Add(new EnterScheduleStep(newId(), engagementId, entry,
                contact.Alias, [.. path, new ResolutionStep(contact.Alias, ContactKind.OncallSchedule, null)], essential));
            Extend(entry);
            return;
        }
        var start = entry;
        for (var k = 0; k < contact.Plan.Stages.Count; k++)
        {
            var stage = contact.Plan.Stages[k];
            var reached = false;
            foreach (var target in stage.Targets)
            {
                if (contact.Kind == ContactKind.Personal && target.Channel is { } channel)
                {
                    PageChannel(contact, channel, [.. path, new ResolutionStep(contact.Alias, ContactKind.Personal, k)], start, essential);
                }
                else if (contact.Kind == ContactKind.Escalation && target.Contact is { } next
                    && ResourceArn.TryParse(next.ContactArn, out var arn)
                    && snapshot.Contacts.TryGetValue(arn.Alias, out var targeted)
                    && targeted.Kind != ContactKind.Escalation)
                {
                    // A contact deleted since the plan was written is no longer reachable and is skipped.
                    Enter(targeted, [.. path, new ResolutionStep(contact.Alias, ContactKind.Escalation, k)], start, next.IsEssential);
                    reached = true;
                }
            }
            if (contact.Kind == ContactKind.Escalation && !reached)
            {
                _unreached.Add(new UnreachedStage(contact.Alias, k, NobodyReason.TargetsDeleted));
            }
            start += Duration.FromMinutes(stage.DurationInMinutes);
        }
        Extend(start);
    }

    void PageChannel(ContactSnapshot person, ChannelTarget channel, IReadOnlyList<ResolutionStep> path, Instant start, bool essential)
    {
        var pageId = newId();
        var interval = channel.RetryIntervalInMinutes ?? 0;
        var sends = interval > 0 ? settings.MaxRetries + 1 : 1;
        for (var attempt = 0; attempt < sends; attempt++)
        {
            var due = start + Duration.FromMinutes(attempt * interval);
            _steps.Add(new SendPageStep(newId(), engagementId, due, pageId, person.Alias,
                channel.ChannelArn, attempt, path, essential));
            Extend(due);
        }
    }

    void Extend(Instant time)
    {
        if (time > _end)
        {
            _end = time;
        }
    }
}
