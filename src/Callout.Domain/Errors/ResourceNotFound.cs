namespace Callout.Domain.Errors;

public sealed class ResourceNotFound(string resourceId, string resourceType, string message) : DomainException(message)
{
    public string ResourceId { get; } = resourceId;

    public string ResourceType { get; } = resourceType;

    public static ResourceNotFound Contact(string arn) => new(arn, ResourceTypes.Contact, $"Contact {arn} not found.");

    public static ResourceNotFound Channel(string arn) =>
        new(arn, ResourceTypes.ContactChannel, $"Contact channel {arn} not found.");
}
