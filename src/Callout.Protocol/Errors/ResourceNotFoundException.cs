using System.Text.Json;

namespace Callout.Protocol.Errors;

public sealed class ResourceNotFoundException(string message, string resourceId, string resourceType)
    : ApiException("ResourceNotFoundException", message)
{
    public string ResourceId { get; } = resourceId;

    public string ResourceType { get; } = resourceType;

    public override void WriteMembers(Utf8JsonWriter w)
    {
        w.WriteString("ResourceId", ResourceId);
        w.WriteString("ResourceType", ResourceType);
    }
}
