using System.Text.Json;
using Callout.Domain.Engagements;
using Callout.Storage.Rows;

namespace Callout.Storage.Json;

/// The snapshot and resolution columns, in our own storage format (see PlanJson).
internal static class EngagementJson
{
    public static string WriteSnapshot(EngagementSnapshot snapshot) => JsonSerializer.Serialize(
        new SnapshotDocument(snapshot.Contacts.ToDictionary(
            pair => pair.Key,
            pair => new ContactSnapshotDocument(pair.Value.Alias, Columns.Text(pair.Value.Kind), PlanJson.ToDocument(pair.Value.Plan)),
            StringComparer.Ordinal)),
        StorageJsonContext.Default.SnapshotDocument);

    public static EngagementSnapshot ReadSnapshot(string json)
    {
        var document = JsonSerializer.Deserialize(json, StorageJsonContext.Default.SnapshotDocument)
            ?? throw new InvalidDataException("A stored engagement snapshot is null.");
        return new EngagementSnapshot((document.Contacts ?? new Dictionary<string, ContactSnapshotDocument>()).ToDictionary(
            pair => pair.Key,
            pair => new ContactSnapshot(pair.Value.Alias, Columns.ContactKindOf(pair.Value.Kind), PlanJson.FromDocument(pair.Value.Plan)),
            StringComparer.Ordinal));
    }

    public static string WriteResolution(IReadOnlyList<ResolutionStep> resolution) => JsonSerializer.Serialize(
        [.. resolution.Select(r => new ResolutionDocument(r.ContactAlias, Columns.Text(r.Kind), r.StageIndex))],
        StorageJsonContext.Default.ResolutionDocumentArray);

    public static IReadOnlyList<ResolutionStep> ReadResolution(string json) =>
        [.. (JsonSerializer.Deserialize(json, StorageJsonContext.Default.ResolutionDocumentArray) ?? [])
            .Select(r => new ResolutionStep(r.Alias, Columns.ContactKindOf(r.Kind), r.Stage))];
}
