using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.CodeGen;

/// Reduces botocore's model to the facts the service needs: operations, shapes, constraints,
/// errors and paginators. Documentation prose is dropped on purpose; our own docs describe the API.
public static class ModelExtractor
{
    static readonly string[] DroppedKeys = ["documentation", "documentationUrl", "locationName", "examples"];

    public static string Extract(string serviceGz, string paginatorsPath)
    {
        using var gz = new GZipStream(File.OpenRead(serviceGz), CompressionMode.Decompress);
        var service = JsonNode.Parse(gz)!.AsObject();
        var paginators = JsonNode.Parse(File.ReadAllText(paginatorsPath))!["pagination"]!.DeepClone();

        var meta = service["metadata"]!.AsObject();
        var compact = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["apiVersion"] = meta["apiVersion"]!.DeepClone(),
                ["jsonVersion"] = meta["jsonVersion"]!.DeepClone(),
                ["protocol"] = meta["protocol"]!.DeepClone(),
                ["signingName"] = meta["signingName"]!.DeepClone(),
                ["targetPrefix"] = meta["targetPrefix"]!.DeepClone(),
                ["serviceId"] = meta["serviceId"]!.DeepClone(),
            },
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
                foreach (var (key, value) in obj)
                {
                    if (!DroppedKeys.Contains(key) && value is not null)
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
