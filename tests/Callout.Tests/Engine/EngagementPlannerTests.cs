using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Plans;
using NodaTime;
using Xunit;

namespace Callout.Tests.Engine;

/// The pure planner (docs/spec/domain.md §3.2–3.4, §3.6): which steps a snapshot of plans produces,
/// when each is due, its attempt, page, resolution path and essential flag, and the natural end.
public sealed class EngagementPlannerTests
{
    const string Engagement = "eng-1";
    const string Prefix = "arn:aws:ssm-contacts:us-east-1:111122223333:";
    static readonly Instant T0 = Instant.FromUtc(2021, 5, 18, 18, 25, 41) + Duration.FromMilliseconds(151);

    static string ContactArn(string alias) => Prefix + "contact/" + alias;

    static string ChannelArn(string alias, string name) => Prefix + "contact-channel/" + alias + "/" + name;

    static Instant At(int minutes) => T0 + Duration.FromMinutes(minutes);

    static Target Channel(string arn, int? retry) => new(new ChannelTarget(arn, retry), null);

    static Target Reach(string alias, bool essential) => new(null, new ContactTarget(ContactArn(alias), essential));

    /// The akuam plan of the botocore GetContact example: EMAIL, SMS, VOICE, `minutes` each.
    static ContactSnapshot Person(string alias, int minutes = 5, int? retry = 1) => new(alias, ContactKind.Personal, new Plan(
    [
        new Stage(minutes, [Channel(ChannelArn(alias, "email"), retry)]),
        new Stage(minutes, [Channel(ChannelArn(alias, "sms"), retry)]),
        new Stage(minutes, [Channel(ChannelArn(alias, "voice"), retry)]),
    ], []));

    static ContactSnapshot Escalation(string alias, params Stage[] stages) => new(alias, ContactKind.Escalation, new Plan(stages, []));

    static ContactSnapshot Schedule(string alias) => new(alias, ContactKind.OncallSchedule, new Plan([], [Prefix + "rotation/r1"]));

    static EngagementSnapshot Snapshot(params ContactSnapshot[] contacts) => new(contacts.ToDictionary(c => c.Alias, StringComparer.Ordinal));

    static EngagementPlanner Planner(EngagementSnapshot snapshot, int maxRetries = 3)
    {
        var next = 0;
        return new EngagementPlanner(snapshot, Engagement, new EngineSettings { MaxRetries = maxRetries }, () => "id-" + Interlocked.Increment(ref next));
    }

    static List<SendPageStep> Sends(Timeline timeline) => timeline.Steps.OfType<SendPageStep>().ToList();

    /// `+minutes alias/channel#attempt` per send, in due order.
    static List<string> Lines(Timeline timeline) => Sends(timeline)
        .OrderBy(s => s.Due).ThenBy(s => s.ContactAlias, StringComparer.Ordinal).ThenBy(s => s.ChannelArn, StringComparer.Ordinal)
        .Select(s => $"+{(s.Due - T0).TotalMinutes} {s.ContactAlias}/{s.ChannelArn[(s.ChannelArn.LastIndexOf('/') + 1)..]}#{s.Attempt}")
        .ToList();

    static string Route(SendPageStep send) => Route(send.Resolution);

    static string Route(EnterScheduleStep enter) => Route(enter.Resolution);

    static string Route(IReadOnlyList<ResolutionStep> path) =>
        string.Join(" > ", path.Select(r => $"{r.ContactAlias}:{r.Kind}:{r.StageIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));

    [Fact]
    public void the_akuam_plan_pages_each_channel_at_its_stage_start_and_retries_three_times_a_minute_apart()
    {
        var timeline = Planner(Snapshot(Person("akuam"))).Start("akuam", T0);

        Assert.Equal(
        [
            "+0 akuam/email#0", "+1 akuam/email#1", "+2 akuam/email#2", "+3 akuam/email#3",
            "+5 akuam/sms#0", "+6 akuam/sms#1", "+7 akuam/sms#2", "+8 akuam/sms#3",
            "+10 akuam/voice#0", "+11 akuam/voice#1", "+12 akuam/voice#2", "+13 akuam/voice#3",
        ], Lines(timeline));
        Assert.Equal(At(15), timeline.End);

        // The last step is the natural end, at the end of the last stage.
        var finish = timeline.Steps[^1];
        Assert.Equal(new FinishStep(finish.Id, Engagement, At(15)), finish);
        Assert.Single(timeline.Steps.OfType<FinishStep>());
        Assert.Equal(13, timeline.Steps.Count);
    }

    [Fact]
    public void every_retry_of_a_channel_target_shares_one_page_and_each_target_has_its_own()
    {
        var timeline = Planner(Snapshot(Person("akuam"))).Start("akuam", T0);
        var byPage = Sends(timeline).GroupBy(s => s.PageId).ToList();

        Assert.Equal(3, byPage.Count);
        foreach (var page in byPage)
        {
            Assert.Equal([0, 1, 2, 3], page.Select(s => s.Attempt).Order());
            Assert.Single(page.Select(s => s.ChannelArn).Distinct());
        }
        // Step ids and page ids are all fresh ones.
        var ids = timeline.Steps.Select(s => s.Id).Concat(byPage.Select(g => g.Key!)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(timeline.Steps, s => Assert.Equal(Engagement, s.EngagementId));
    }

    [Fact]
    public void a_directly_engaged_person_is_essential_and_resolves_to_their_own_stage()
    {
        var timeline = Planner(Snapshot(Person("akuam"))).Start("akuam", T0);

        foreach (var send in Sends(timeline))
        {
            Assert.True(send.Essential);
            Assert.Equal("akuam", send.ContactAlias);
            var stage = send.ChannelArn!.EndsWith("/email", StringComparison.Ordinal) ? 0 : send.ChannelArn.EndsWith("/sms", StringComparison.Ordinal) ? 1 : 2;
            Assert.Equal($"akuam:Personal:{stage}", Route(send));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void without_a_retry_interval_a_channel_is_sent_once(int? retry)
    {
        var timeline = Planner(Snapshot(Person("akuam", retry: retry))).Start("akuam", T0);

        Assert.Equal(["+0 akuam/email#0", "+5 akuam/sms#0", "+10 akuam/voice#0"], Lines(timeline));
        Assert.Equal(At(15), timeline.End);
    }

    [Fact]
    public void the_retry_cap_comes_from_the_settings()
    {
        var person = new ContactSnapshot("akuam", ContactKind.Personal, new Plan([new Stage(30, [Channel(ChannelArn("akuam", "email"), 4)])], []));

        Assert.Equal(["+0 akuam/email#0", "+4 akuam/email#1"], Lines(Planner(Snapshot(person), maxRetries: 1).Start("akuam", T0)));
        Assert.Equal(["+0 akuam/email#0"], Lines(Planner(Snapshot(person), maxRetries: 0).Start("akuam", T0)));
        Assert.Equal(6, Lines(Planner(Snapshot(person), maxRetries: 5).Start("akuam", T0)).Count);
    }

    [Fact]
    public void a_zero_minute_stage_fires_together_with_the_next_and_a_stage_without_targets_only_waits()
    {
        var person = new ContactSnapshot("akuam", ContactKind.Personal, new Plan(
        [
            new Stage(0, [Channel(ChannelArn("akuam", "email"), null)]),
            new Stage(2, [Channel(ChannelArn("akuam", "sms"), null)]),
            new Stage(3, []),
            new Stage(1, [Channel(ChannelArn("akuam", "voice"), null)]),
        ], []));

        var timeline = Planner(Snapshot(person)).Start("akuam", T0);

        Assert.Equal(["+0 akuam/email#0", "+0 akuam/sms#0", "+5 akuam/voice#0"], Lines(timeline));
        Assert.Equal(At(6), timeline.End);
        var voice = Sends(timeline).Single(s => s.ChannelArn.EndsWith("/voice", StringComparison.Ordinal));
        Assert.Equal("akuam:Personal:3", Route(voice));
    }

    [Fact]
    public void retries_that_outlast_the_last_stage_push_the_end_to_the_last_retry()
    {
        var person = new ContactSnapshot("akuam", ContactKind.Personal, new Plan([new Stage(1, [Channel(ChannelArn("akuam", "email"), 5)])], []));

        var timeline = Planner(Snapshot(person)).Start("akuam", T0);

        Assert.Equal(["+0 akuam/email#0", "+5 akuam/email#1", "+10 akuam/email#2", "+15 akuam/email#3"], Lines(timeline));
        Assert.Equal(At(15), timeline.End);
        Assert.Equal(At(15), timeline.Steps.OfType<FinishStep>().Single().Due);
    }

    [Fact]
    public void the_example_escalation_enters_each_persons_plan_at_their_stage_and_ends_at_twenty_five_minutes()
    {
        var snapshot = Snapshot(
            Escalation("example_escalation",
                new Stage(5, [Reach("akuam", true)]),
                new Stage(5, [Reach("alejr", false)]),
                new Stage(0, [Reach("anasi", false)])),
            Person("akuam"), Person("alejr"), Person("anasi"));

        var timeline = Planner(snapshot).Start("example_escalation", T0);

        var first = Sends(timeline).GroupBy(s => s.ContactAlias!).ToDictionary(g => g.Key, g => g.Min(s => s.Due));
        Assert.Equal(At(0), first["akuam"]);
        Assert.Equal(At(5), first["alejr"]);
        Assert.Equal(At(10), first["anasi"]);
        Assert.Equal(36, Sends(timeline).Count);
        Assert.Equal(9, Sends(timeline).Select(s => s.PageId).Distinct().Count());
        Assert.Equal(At(23), Sends(timeline).Max(s => s.Due));
        Assert.Equal(At(25), timeline.End);
        Assert.Equal(At(25), timeline.Steps.OfType<FinishStep>().Single().Due);

        // Only akuam's target is essential.
        Assert.All(Sends(timeline), s => Assert.Equal(s.ContactAlias == "akuam", s.Essential));

        // Root first: the escalation stage that reached the person, then the person's stage.
        foreach (var (alias, escalationStage) in new[] { ("akuam", 0), ("alejr", 1), ("anasi", 2) })
        {
            var entry = escalationStage * 5;
            foreach (var (channel, k) in new[] { ("email", 0), ("sms", 1), ("voice", 2) })
            {
                var sends = Sends(timeline).Where(s => s.ContactAlias == alias && s.ChannelArn == ChannelArn(alias, channel)).OrderBy(s => s.Attempt).ToList();
                Assert.Equal(Enumerable.Range(0, 4).Select(a => At(entry + (5 * k) + a)), sends.Select(s => s.Due));
                Assert.All(sends, s => Assert.Equal($"example_escalation:Escalation:{escalationStage} > {alias}:Personal:{k}", Route(s)));
            }
        }
    }

    [Fact]
    public void an_escalations_own_last_stage_can_set_the_end()
    {
        var snapshot = Snapshot(
            Escalation("esc", new Stage(30, [Reach("akuam", true)])),
            Person("akuam"));

        var timeline = Planner(snapshot).Start("esc", T0);

        Assert.Equal(At(13), Sends(timeline).Max(s => s.Due));
        Assert.Equal(At(30), timeline.End);
    }

    [Fact]
    public void a_contact_missing_from_the_snapshot_is_skipped()
    {
        // alejr was deleted before the engagement started, so the snapshot has no plan for him.
        var snapshot = Snapshot(
            Escalation("example_escalation",
                new Stage(5, [Reach("akuam", true)]),
                new Stage(5, [Reach("alejr", false)]),
                new Stage(0, [Reach("anasi", false)])),
            Person("akuam"), Person("anasi"));

        var timeline = Planner(snapshot).Start("example_escalation", T0);

        Assert.DoesNotContain(timeline.Steps, s => s is SendPageStep { ContactAlias: "alejr" } or EnterScheduleStep { ContactAlias: "alejr" });
        Assert.Equal(["akuam", "anasi"], Sends(timeline).Select(s => s.ContactAlias).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(At(10), Sends(timeline).Where(s => s.ContactAlias == "anasi").Min(s => s.Due));
        Assert.Equal(At(25), timeline.End);
    }

    [Fact]
    public void a_deleted_last_person_leaves_the_end_at_the_escalations_own_stages()
    {
        var snapshot = Snapshot(
            Escalation("esc", new Stage(5, [Reach("akuam", true)]), new Stage(5, [Reach("gone", false)])),
            Person("akuam", minutes: 1, retry: null));

        var timeline = Planner(snapshot).Start("esc", T0);

        Assert.Equal(["+0 akuam/email#0", "+1 akuam/sms#0", "+2 akuam/voice#0"], Lines(timeline));
        Assert.Equal(At(10), timeline.End);
    }

    [Fact]
    public void escalation_targets_that_are_escalations_or_not_contact_arns_are_skipped()
    {
        var snapshot = Snapshot(
            Escalation("esc",
                new Stage(1, [Reach("other", true), new Target(null, new ContactTarget("not-an-arn", true))]),
                new Stage(1, [Reach("akuam", false)])),
            Escalation("other", new Stage(1, [Reach("akuam", true)])),
            Person("akuam", minutes: 1, retry: null));

        var timeline = Planner(snapshot).Start("esc", T0);

        Assert.Equal(["+1 akuam/email#0", "+2 akuam/sms#0", "+3 akuam/voice#0"], Lines(timeline));
        Assert.All(Sends(timeline), s => Assert.StartsWith("esc:Escalation:1 > akuam:Personal:", Route(s), StringComparison.Ordinal));
        Assert.Equal(At(4), timeline.End);
    }

    [Fact]
    public void the_same_person_reached_twice_gets_separate_pages_for_each_occurrence()
    {
        var snapshot = Snapshot(
            Escalation("esc", new Stage(5, [Reach("akuam", false)]), new Stage(5, [Reach("akuam", true)])),
            Person("akuam", minutes: 5, retry: null));

        var timeline = Planner(snapshot).Start("esc", T0);

        Assert.Equal(["+0 akuam/email#0", "+5 akuam/email#0", "+5 akuam/sms#0", "+10 akuam/sms#0", "+10 akuam/voice#0", "+15 akuam/voice#0"],
            Lines(timeline));
        Assert.Equal(6, Sends(timeline).Select(s => s.PageId).Distinct().Count());
        Assert.Equal(3, Sends(timeline).Count(s => s.Essential));
        Assert.All(Sends(timeline).Where(s => s.Essential), s => Assert.StartsWith("esc:Escalation:1 > ", Route(s), StringComparison.Ordinal));
        Assert.Equal(At(20), timeline.End);
    }

    [Fact]
    public void several_targets_in_one_stage_all_start_together()
    {
        var snapshot = Snapshot(
            Escalation("esc", new Stage(0, [Reach("akuam", true), Reach("alejr", false)])),
            Person("akuam", minutes: 1, retry: null), Person("alejr", minutes: 2, retry: null));

        var timeline = Planner(snapshot).Start("esc", T0);

        Assert.Equal(["+0 akuam/email#0", "+0 alejr/email#0", "+1 akuam/sms#0", "+2 akuam/voice#0", "+2 alejr/sms#0", "+4 alejr/voice#0"], Lines(timeline));
        Assert.Equal(At(6), timeline.End);
    }

    [Fact]
    public void an_on_call_schedule_root_is_resolved_when_it_is_entered()
    {
        var timeline = Planner(Snapshot(Schedule("oncall"))).Start("oncall", T0);

        var enter = Assert.Single(timeline.Steps.OfType<EnterScheduleStep>());
        Assert.Equal(T0, enter.Due);
        Assert.Equal("oncall", enter.ContactAlias);
        Assert.True(enter.Essential);
        Assert.Equal("oncall:OncallSchedule:-", Route(enter));
        Assert.Empty(Sends(timeline));
        // The end is extended when the people on call are known.
        Assert.Equal(T0, timeline.End);
        Assert.Equal(T0, timeline.Steps.OfType<FinishStep>().Single().Due);
    }

    [Fact]
    public void an_escalation_enters_a_schedule_at_its_stage_with_the_targets_essential_flag()
    {
        var snapshot = Snapshot(
            Escalation("esc", new Stage(5, [Reach("akuam", true)]), new Stage(5, [Reach("oncall", false)])),
            Person("akuam"), Schedule("oncall"));

        var timeline = Planner(snapshot).Start("esc", T0);

        var enter = Assert.Single(timeline.Steps.OfType<EnterScheduleStep>());
        Assert.Equal(At(5), enter.Due);
        Assert.False(enter.Essential);
        Assert.Equal("esc:Escalation:1 > oncall:OncallSchedule:-", Route(enter));
        Assert.Equal(At(15), timeline.End);
    }

    [Fact]
    public void the_people_on_call_enter_their_plans_at_the_schedules_entry_below_its_path()
    {
        var snapshot = Snapshot(Person("akuam", minutes: 1, retry: null), Person("alejr", minutes: 2, retry: 1), Escalation("esc", new Stage(1, [Reach("akuam", true)])));
        IReadOnlyList<ResolutionStep> path = [new("esc", ContactKind.Escalation, 1), new("oncall", ContactKind.OncallSchedule, null)];

        var timeline = Planner(snapshot).EnterPeople(["akuam", "alejr", "nobody", "esc"], path, At(5), essential: false);

        Assert.Empty(timeline.Steps.OfType<FinishStep>());
        Assert.Equal(
        [
            "+5 akuam/email#0", "+5 alejr/email#0", "+6 akuam/sms#0", "+6 alejr/email#1", "+7 akuam/voice#0", "+7 alejr/email#2",
            "+7 alejr/sms#0", "+8 alejr/email#3", "+8 alejr/sms#1", "+9 alejr/sms#2", "+9 alejr/voice#0", "+10 alejr/sms#3",
            "+10 alejr/voice#1", "+11 alejr/voice#2", "+12 alejr/voice#3",
        ], Lines(timeline));
        Assert.All(Sends(timeline), s => Assert.False(s.Essential));
        var sms = Sends(timeline).First(s => s.ContactAlias == "alejr" && s.ChannelArn.EndsWith("/sms", StringComparison.Ordinal));
        Assert.Equal("esc:Escalation:1 > oncall:OncallSchedule:- > alejr:Personal:1", Route(sms));
        Assert.Equal(At(12), timeline.End);
    }

    [Fact]
    public void nobody_on_call_ends_at_the_entry()
    {
        var timeline = Planner(Snapshot(Person("akuam"))).EnterPeople([], [], At(5), essential: true);

        Assert.Empty(timeline.Steps);
        Assert.Equal(At(5), timeline.End);
    }

    [Fact]
    public void an_empty_plan_or_an_unknown_root_only_finishes_at_t0()
    {
        foreach (var timeline in new[]
        {
            Planner(Snapshot(new ContactSnapshot("akuam", ContactKind.Personal, Plan.Empty))).Start("akuam", T0),
            Planner(Snapshot(Person("akuam"))).Start("someone-else", T0),
        })
        {
            var finish = Assert.Single(timeline.Steps);
            Assert.Equal(new FinishStep(finish.Id, Engagement, T0), finish);
            Assert.Equal(T0, timeline.End);
        }
    }

    [Fact]
    public void a_personal_plan_ignores_contact_targets_and_an_escalation_ignores_channel_targets()
    {
        var person = new ContactSnapshot("akuam", ContactKind.Personal, new Plan([new Stage(1, [Reach("alejr", true)])], []));
        var escalation = Escalation("esc", new Stage(1, [Channel(ChannelArn("esc", "email"), 1)]));

        Assert.Empty(Sends(Planner(Snapshot(person, Person("alejr"))).Start("akuam", T0)));
        Assert.Empty(Sends(Planner(Snapshot(escalation)).Start("esc", T0)));
    }

    [Fact]
    public void an_escalation_stage_whose_contacts_were_all_deleted_is_reported_and_the_others_are_not()
    {
        // Stage 0 targets two deleted contacts, stage 1 one deleted and one present, stage 2 a schedule.
        var snapshot = Snapshot(
            Escalation("esc", new Stage(5, [Reach("gone", true), Reach("left", false)]), new Stage(5, [Reach("gone", false), Reach("akuam", false)]),
                new Stage(5, [Reach("oncall", false)])),
            Person("akuam"), Schedule("oncall"));

        var timeline = Planner(snapshot).Start("esc", T0);

        Assert.Equal([new UnreachedStage("esc", 0, NobodyReason.TargetsDeleted)], timeline.Unreached);
        Assert.Equal(At(5), Sends(timeline).Min(s => s.Due));
    }

    [Fact]
    public void a_personal_plan_reports_no_unreached_stage()
    {
        Assert.Empty(Planner(Snapshot(Person("akuam"))).Start("akuam", T0).Unreached);
    }
}
