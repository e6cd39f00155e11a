namespace Callout.Domain.Engagements;

/// Why part of an engagement pages nobody (docs/spec/domain.md §8.5 and §8.17: not an error, but an
/// operator should hear of it).
public enum NobodyReason
{
    /// Every contact an escalation stage targets was deleted since the plan was written.
    TargetsDeleted,

    /// Every rotation of an on-call schedule was deleted (DeleteRotation allows it).
    NoRotations,

    /// The schedule's rotations have nobody on call at that moment whom the engagement can page
    /// (a gap between shift coverages, members added after the engagement started, or people on
    /// call whose plans have no stages).
    NobodyOnCall,
}
