using System.Text;
using System.Text.Json;

namespace Callout.Storage.Json;

/// A response plan's tag map and lists (JSON text columns). The map is written and read by hand,
/// sorted by key, so its column reads the same whatever order the caller sent it in.
internal static class ResponsePlanJson
{
    public static string WriteList(IReadOnlyList<string> items) =>
        JsonSerializer.Serialize([.. items], StorageJsonContext.Default.StringArray);

    public static IReadOnlyList<string> ReadList(string json) =>
        JsonSerializer.Deserialize(json, StorageJsonContext.Default.StringArray) ?? [];

    public static string WriteMap(IReadOnlyDictionary<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, string> ReadMap(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("A stored tag map is not a JSON object.");
        }
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            map[property.Name] = property.Value.GetString()
                ?? throw new InvalidDataException($"The stored tag {property.Name} has no value.");
        }
        return map;
    }
}
