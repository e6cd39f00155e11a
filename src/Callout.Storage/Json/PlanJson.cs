using System.Text.Json;
using Callout.Domain.Plans;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Json;

/// The plan column. Its documents are our own storage format, apart from the domain records, so
/// renaming a domain member never changes what is on disk.
internal static class PlanJson
{
    public static string Write(Plan plan) => JsonSerializer.Serialize(ToDocument(plan), StorageJsonContext.Default.PlanDocument);

    public static Plan Read(string json) => FromDocument(
        JsonSerializer.Deserialize(json, StorageJsonContext.Default.PlanDocument)
            ?? throw new InvalidDataException("A stored plan is null."));

    /// Also the plans inside an engagement snapshot (EngagementJson).
    public static PlanDocument ToDocument(Plan plan) => new(
        [.. plan.Stages.Select(s => new StageDocument(s.DurationInMinutes, [.. s.Targets.Select(ToDocument)]))],
        [.. plan.RotationIds]);

    public static Plan FromDocument(PlanDocument? document) => document is null
        ? Plan.Empty
        : new Plan(
            [.. (document.Stages ?? []).Select(s => new Stage(s.Minutes, [.. (s.Targets ?? []).Select(ToTarget)]))],
            [.. document.Rotations ?? []]);

    public static string WriteInstants(IReadOnlyList<Instant> instants) =>
        JsonSerializer.Serialize([.. instants.Select(Columns.Millis)], StorageJsonContext.Default.Int64Array);

    public static IReadOnlyList<Instant> ReadInstants(string json) =>
        [.. (JsonSerializer.Deserialize(json, StorageJsonContext.Default.Int64Array) ?? []).Select(Columns.InstantOf)];

    static TargetDocument ToDocument(Target target) => target switch
    {
        { Channel: { } c } => new TargetDocument(c.ChannelArn, c.RetryIntervalInMinutes, null, null),
        { Contact: { } c } => new TargetDocument(null, null, c.ContactArn, c.IsEssential),
        _ => new TargetDocument(null, null, null, null),
    };

    static Target ToTarget(TargetDocument document) => new(
        document.Channel is { } channel ? new ChannelTarget(channel, document.Retry) : null,
        document.Contact is { } contact ? new ContactTarget(contact, document.Essential ?? false) : null);
}
