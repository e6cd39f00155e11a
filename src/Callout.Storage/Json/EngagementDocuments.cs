namespace Callout.Storage.Json;

/// The snapshot column: the plans in force when an engagement started, keyed as the domain keys them.
internal sealed record SnapshotDocument(IReadOnlyDictionary<string, ContactSnapshotDocument>? Contacts);

internal sealed record ContactSnapshotDocument(string Alias, string Kind, PlanDocument Plan);

/// One hop of a page's or step's resolution path; Stage is absent for schedules.
internal sealed record ResolutionDocument(string Alias, string Kind, int? Stage);
