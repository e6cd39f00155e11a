using Callout.Domain.Errors;

namespace Callout.Domain.Arns;

/// Turns the ARNs a caller sends into resources of the caller's own scope. The model's pattern has
/// already been checked; what remains is the kind of resource and whose it is.
public static class ArnResolver
{
    public static ResourceArn Resolve(string text, ResourceKind expected, AccountScope caller, string field)
    {
        if (!ResourceArn.TryParse(text, out var arn) || arn.Kind != expected)
        {
            throw new InvalidRequest($"{field} '{text}' is not the ARN of a {Describe(expected)}.", field);
        }
        // An ARN of another account or region names nothing the caller can see (docs/spec/protocol.md §5).
        if (arn.Scope.Region != caller.Region || arn.Scope.AccountId != caller.AccountId || arn.Scope.Partition != caller.Partition)
        {
            throw new ResourceNotFound(text, ResourceTypeOf(expected), $"{Capitalized(expected)} {text} not found.");
        }
        return arn with { Scope = caller };
    }

    public static string ResourceTypeOf(ResourceKind kind) => kind switch
    {
        ResourceKind.Contact => ResourceTypes.Contact,
        ResourceKind.ContactChannel => ResourceTypes.ContactChannel,
        ResourceKind.Engagement => ResourceTypes.Engagement,
        ResourceKind.Page => ResourceTypes.Page,
        ResourceKind.Rotation => ResourceTypes.Rotation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    static string Describe(ResourceKind kind) => kind switch
    {
        ResourceKind.ContactChannel => "contact channel",
        _ => kind.ToString().ToLowerInvariant(),
    };

    static string Capitalized(ResourceKind kind)
    {
        var d = Describe(kind);
        return char.ToUpperInvariant(d[0]) + d[1..];
    }
}
