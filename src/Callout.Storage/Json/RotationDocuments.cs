namespace Callout.Storage.Json;

/// The recurrence column. Kind and days are the wire's enum names; times are "HH:mm", with
/// seconds and a fraction only when the value has them (RotationJson.Time).
/// StartTimeGiven, a fact of the rotation rather than of its recurrence, rides along here so no
/// migration was needed; rows written before it was kept lack it (RotationJson.StartTimeGiven).
internal sealed record RecurrenceDocument(
    string Kind,
    IReadOnlyList<HandOffDocument>? HandOffs,
    int NumberOfOnCalls,
    int Multiplier,
    IReadOnlyDictionary<string, IReadOnlyList<CoverageWindowDocument>>? Coverage,
    bool? StartTimeGiven = null);

/// Day is set for weekly hand-offs, DayOfMonth for monthly ones.
internal sealed record HandOffDocument(string Time, string? Day, int? DayOfMonth);

internal sealed record CoverageWindowDocument(string Start, string End);
