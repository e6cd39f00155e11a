using Callout.Domain.Contacts;
using Callout.Domain.Plans;

namespace Callout.Domain.Engagements;

/// The plans in force when the engagement started: the root's and those of every contact it can
/// reach. Later edits to contacts do not change a running engagement.
public sealed record EngagementSnapshot(IReadOnlyDictionary<string, ContactSnapshot> Contacts);

public sealed record ContactSnapshot(string Alias, ContactKind Kind, Plan Plan);
