using Callout.Domain.Arns;
using Callout.Domain.Errors;

namespace Callout.Domain.Tags;

public static class TagRules
{
    /// Only contacts and rotations take tags (docs/spec/protocol.md §5).
    public static void CheckTaggable(ResourceArn arn)
    {
        if (arn.Kind is not (ResourceKind.Contact or ResourceKind.Rotation))
        {
            throw new InvalidRequest($"{arn} cannot be tagged; only contacts and rotations take tags.", "resourceARN");
        }
    }

    /// New values overwrite existing keys; the result may hold at most the resource limit.
    public static IReadOnlyDictionary<string, string> Merge(
        IReadOnlyDictionary<string, string> existing,
        IEnumerable<KeyValuePair<string, string>> added,
        string resourceArn,
        ServiceLimits limits)
    {
        var merged = new SortedDictionary<string, string>(existing.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }
        if (merged.Count > limits.TagsPerResource)
        {
            throw new QuotaExceeded("L-SSMC-TAGS-PER-RESOURCE",
                $"A resource can have at most {limits.TagsPerResource} tags; this request would leave {merged.Count}.",
                resourceArn, ResourceTypeOf(resourceArn));
        }
        return merged;
    }

    public static IReadOnlyDictionary<string, string> Remove(IReadOnlyDictionary<string, string> existing, IEnumerable<string> keys)
    {
        var remaining = new SortedDictionary<string, string>(existing.ToDictionary(), StringComparer.Ordinal);
        foreach (var key in keys)
        {
            remaining.Remove(key);
        }
        return remaining;
    }

    static string ResourceTypeOf(string arn) =>
        ResourceArn.TryParse(arn, out var parsed) ? ArnResolver.ResourceTypeOf(parsed.Kind) : ResourceTypes.Contact;
}
