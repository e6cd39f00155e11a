using System.Text.Json;

namespace Callout.Protocol.Errors;

public sealed record DependentEntity(string RelationType, IReadOnlyList<string> DependentResourceIds);

public sealed class ConflictException(
    string message,
    string resourceId,
    string resourceType,
    IReadOnlyList<DependentEntity>? dependentEntities = null)
    : ApiException("ConflictException", message)
{
    public string ResourceId { get; } = resourceId;

    public string ResourceType { get; } = resourceType;

    public IReadOnlyList<DependentEntity> DependentEntities { get; } = dependentEntities ?? [];

    public override void WriteMembers(Utf8JsonWriter w)
    {
        w.WriteString("ResourceId", ResourceId);
        w.WriteString("ResourceType", ResourceType);
        if (DependentEntities.Count == 0)
        {
            return;
        }
        w.WriteStartArray("DependentEntities");
        foreach (var d in DependentEntities)
        {
            w.WriteStartObject();
            w.WriteString("RelationType", d.RelationType);
            w.WriteStartArray("DependentResourceIds");
            foreach (var id in d.DependentResourceIds)
            {
                w.WriteStringValue(id);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
