namespace Callout.Domain.Errors;

public sealed record Dependency(string RelationType, IReadOnlyList<string> ResourceIds);

public sealed class ResourceConflict(
    string resourceId,
    string resourceType,
    string message,
    IReadOnlyList<Dependency>? dependencies = null) : DomainException(message)
{
    public string ResourceId { get; } = resourceId;

    public string ResourceType { get; } = resourceType;

    public IReadOnlyList<Dependency> Dependencies { get; } = dependencies ?? [];
}
