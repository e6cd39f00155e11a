using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.CodeGen;

/// Reduces botocore's model to the facts the service needs: operations, shapes, constraints,
/// errors and paginators. Documentation prose is dropped on purpose; our own docs describe the API.
public static class ModelExtractor
{
    static readonly string[] DroppedKeys = ["documentation", "documentationUrl", "locationName", "examples"];

    /// Which model a signing name's compact form is written for.
    public static string SigningNameOf(string compact) =>
        JsonNode.Parse(compact)!["metadata"]!["signingName"]!.GetValue<string>();

    public static string Extract(string serviceGz, string paginatorsPath)
    {
        using var gz = new GZipStream(File.OpenRead(serviceGz), CompressionMode.Decompress);
        var service = JsonNode.Parse(gz)!.AsObject();
        var paginators = JsonNode.Parse(File.ReadAllText(paginatorsPath))!["pagination"]!.DeepClone();

        var meta = service["metadata"]!.AsObject();
        var metadata = new JsonObject();
        // rest-json services have no targetPrefix: they route by method and path.
        foreach (var key in new[] { "apiVersion", "jsonVersion", "protocol", "signingName", "targetPrefix", "serviceId" })
        {
            if (meta[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }
        var compact = new JsonObject
        {
            ["metadata"] = metadata,
            ["operations"] = Strip(service["operations"]!),
            ["shapes"] = Strip(service["shapes"]!),
            ["paginators"] = paginators,
        };
        return compact.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    static JsonNode Strip(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                // A rest-json member's locationName is its name on the wire (query key, header).
                var bound = obj.ContainsKey("location");
                foreach (var (key, value) in obj)
                {
                    if ((!DroppedKeys.Contains(key) || (bound && key == "locationName")) && value is not null)
                    {
                        copy[key] = Strip(value);
                    }
                }
                return copy;
            case JsonArray arr:
                return new JsonArray(arr.Select(v => v is null ? null : Strip(v)).ToArray());
            default:
                return node.DeepClone();
        }
    }
}
