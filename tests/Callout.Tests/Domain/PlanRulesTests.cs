using Callout.Domain;
using Callout.Domain.Contacts;
using Callout.Domain.Errors;
using Callout.Domain.Plans;
using Xunit;

namespace Callout.Tests.Domain;

public sealed class PlanRulesTests
{
    static readonly ServiceLimits Limits = new();

    static Target Channel(string arn, int? retry = null) => new(new ChannelTarget(arn, retry), null);

    static Target Person(string arn, bool essential = false) => new(null, new ContactTarget(arn, essential));

    static Plan Stages(params Stage[] stages) => new(stages, []);

    [Fact]
    public void the_akuam_plan_of_three_channel_stages_is_valid_for_a_person() =>
        PlanRules.CheckShape(ContactKind.Personal, Stages(
            new Stage(5, [Channel("c1", 1)]), new Stage(5, [Channel("c2", 1)]), new Stage(5, [Channel("c3", 1)])), Limits);

    [Fact]
    public void a_person_cannot_target_contacts() =>
        Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.Personal, Stages(new Stage(5, [Person("p")])), Limits));

    [Fact]
    public void an_escalation_cannot_target_channels() =>
        Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.Escalation, Stages(new Stage(5, [Channel("c")])), Limits));

    [Fact]
    public void a_zero_minute_stage_without_targets_is_invalid_and_with_one_is_valid()
    {
        Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.Escalation, Stages(new Stage(0, [])), Limits));
        PlanRules.CheckShape(ContactKind.Escalation, Stages(new Stage(0, [Person("p")])), Limits);
        PlanRules.CheckShape(ContactKind.Escalation, Stages(new Stage(1, [])), Limits);
    }

    [Fact]
    public void a_target_needs_exactly_one_kind() =>
        Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.Escalation,
            Stages(new Stage(1, [new Target(new ChannelTarget("c", null), new ContactTarget("p", true))])), Limits));

    [Fact]
    public void a_stage_cannot_name_the_same_target_twice() =>
        Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.Escalation, Stages(new Stage(1, [Person("p"), Person("p", true)])), Limits));

    [Fact]
    public void an_oncall_schedule_has_rotations_but_no_stages()
    {
        PlanRules.CheckShape(ContactKind.OncallSchedule, new Plan([], ["r1", "r2"]), Limits);
        var e = Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.OncallSchedule, Stages(new Stage(1, [])), Limits));
        Assert.Contains("ONCALL SCHEDULE contact cannot have stages in plan", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidRequest>(() => PlanRules.CheckShape(ContactKind.Personal, new Plan([], ["r1"]), Limits));
    }

    [Fact]
    public void limits_on_stages_targets_and_rotations_are_quotas()
    {
        Assert.Throws<QuotaExceeded>(() => PlanRules.CheckShape(ContactKind.Escalation,
            new Plan(Enumerable.Repeat(new Stage(1, []), Limits.StagesPerPlan + 1).ToList(), []), Limits));
        Assert.Throws<QuotaExceeded>(() => PlanRules.CheckShape(ContactKind.Escalation,
            Stages(new Stage(1, Enumerable.Range(0, Limits.TargetsPerStage + 1).Select(i => Person("p" + i)).ToList())), Limits));
        Assert.Throws<QuotaExceeded>(() => PlanRules.CheckShape(ContactKind.OncallSchedule,
            new Plan([], Enumerable.Range(0, Limits.RotationsPerSchedule + 1).Select(i => "r" + i).ToList()), Limits));
    }
}
