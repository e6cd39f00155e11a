using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Microsoft.Extensions.Logging;

namespace Callout.Engine.Processing;

/// Reports a part of an engagement that pages nobody: an escalation stage whose contacts were all
/// deleted, or an on-call schedule with no rotations left or nobody on call. AWS lets all of these
/// run without an error, and so does Callout; a page has nowhere to keep a receipt for them, so
/// the warning and callout_engine_stages_without_anyone_total are where an operator sees them
/// (docs/operations.md).
public sealed partial class StagesWithoutAnyone(EngineMetrics metrics, ILogger<StagesWithoutAnyone> log)
{
    public void Report(ResourceArn engagement, string stage, NobodyReason reason)
    {
        metrics.StageWithoutAnyone(reason);
        LogNobody(engagement, stage, Why(reason), Label(reason));
    }

    /// The escalation stages a new engagement's plan skips entirely.
    public void Report(ResourceArn engagement, IEnumerable<UnreachedStage> stages)
    {
        foreach (var s in stages)
        {
            Report(engagement, $"stage {s.StageIndex} of escalation plan {s.ContactAlias}", s.Reason);
        }
    }

    /// Where a schedule was entered, read from its resolution path: "stage 1 of escalation plan
    /// esc, on-call schedule oncall", or "on-call schedule oncall" when it was engaged directly.
    public static string ScheduleStage(IReadOnlyList<ResolutionStep> path)
    {
        var schedule = path.Count > 0 ? path[^1].ContactAlias : "?";
        return path.Count > 1 && path[^2] is { Kind: Domain.Contacts.ContactKind.Escalation, StageIndex: { } k } escalation
            ? $"stage {k} of escalation plan {escalation.ContactAlias}, on-call schedule {schedule}"
            : $"on-call schedule {schedule}";
    }

    public static string Label(NobodyReason reason) => reason switch
    {
        NobodyReason.TargetsDeleted => "targets_deleted",
        NobodyReason.NoRotations => "no_rotations",
        _ => "nobody_on_call",
    };

    static string Why(NobodyReason reason) => reason switch
    {
        NobodyReason.TargetsDeleted => "every contact it targets was deleted",
        NobodyReason.NoRotations => "the schedule has no rotations left",
        _ => "nobody the engagement can page is on call in the schedule's rotations",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engagement {EngagementArn}: {Stage} pages nobody ({Reason}): {Why}")]
    partial void LogNobody(ResourceArn engagementArn, string stage, string why, string reason);
}
