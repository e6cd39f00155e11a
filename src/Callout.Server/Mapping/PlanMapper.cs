using Callout.Domain.Plans;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Server.Mapping;

static class PlanMapper
{
    public static Plan ToDomain(Wire.Plan plan) => new(
        (plan.Stages ?? []).Select(s => new Stage(
            s.DurationInMinutes,
            (s.Targets ?? []).Select(t => new Target(
                t.ChannelTargetInfo is { } c ? new ChannelTarget(c.ContactChannelId, c.RetryIntervalInMinutes) : null,
                t.ContactTargetInfo is { } p ? new ContactTarget(p.ContactId ?? "", p.IsEssential) : null)).ToList())).ToList(),
        plan.RotationIds ?? []);

    /// GetContact always returns Stages, `[]` included, and RotationIds only for schedules that have them.
    public static Wire.Plan ToWire(Plan plan) => new()
    {
        Stages = plan.Stages.Select(s => new Wire.Stage
        {
            DurationInMinutes = s.DurationInMinutes,
            Targets = s.Targets.Select(t => new Wire.Target
            {
                ChannelTargetInfo = t.Channel is { } c
                    ? new Wire.ChannelTargetInfo { ContactChannelId = c.ChannelArn, RetryIntervalInMinutes = c.RetryIntervalInMinutes }
                    : null,
                ContactTargetInfo = t.Contact is { } p
                    ? new Wire.ContactTargetInfo { ContactId = p.ContactArn, IsEssential = p.IsEssential }
                    : null,
            }).ToList(),
        }).ToList(),
        RotationIds = plan.RotationIds.Count > 0 ? plan.RotationIds.ToList() : null,
    };
}
