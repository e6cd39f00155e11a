using Callout.Domain.Contacts;

namespace Callout.Domain.Engagements;

/// One hop on the way from the engaged contact to the paged person, root first
/// (docs/spec/domain.md §2.8). StageIndex is the stage of that contact's own plan that led on; schedules
/// have none.
public sealed record ResolutionStep(string ContactAlias, ContactKind Kind, int? StageIndex);
