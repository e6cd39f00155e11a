using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Domain.Tags;

namespace Callout.Server.Operations.Tags;

/// The tag operations take any ARN; only existing contacts and rotations of the caller qualify.
static class TaggedResources
{
    /// The model leaves Key and Value optional inside Tag; a tag needs both.
    public static IEnumerable<KeyValuePair<string, string>> Pairs(IReadOnlyList<Callout.Protocol.Shapes.Tag> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            var field = $"tags.{i + 1}.member";
            var key = tags[i].Key ?? throw new InvalidRequest($"Tag {i + 1} has no Key.", field + ".key");
            var value = tags[i].Value ?? throw new InvalidRequest($"Tag {i + 1} has no Value.", field + ".value");
            yield return KeyValuePair.Create(key, value);
        }
    }

    public static async Task<ResourceArn> RequireAsync(IStoreSession session, string resourceArn, AccountScope scope, CancellationToken ct)
    {
        if (!ResourceArn.TryParse(resourceArn, out var parsed))
        {
            throw new InvalidRequest($"'{resourceArn}' is not an SSM Contacts ARN.", "resourceARN");
        }
        TagRules.CheckTaggable(parsed);
        var arn = ArnResolver.Resolve(resourceArn, parsed.Kind, scope, "resourceARN");
        var exists = arn.Kind == ResourceKind.Contact
            ? await session.FindContactAsync(arn.Alias, ct) is not null
            : await session.FindRotationAsync(arn.Id, ct) is not null;
        return exists ? arn : throw new ResourceNotFound(resourceArn, ArnResolver.ResourceTypeOf(arn.Kind), $"Resource {resourceArn} not found.");
    }
}
