using System.Text.Json.Serialization;

namespace Callout.Storage.Json;

/// Source-generated so storage JSON needs no reflection (STYLE.md §3, JSON).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(SnapshotDocument))]
[JsonSerializable(typeof(ResolutionDocument[]))]
[JsonSerializable(typeof(RecurrenceDocument))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
