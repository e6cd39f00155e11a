using System.Collections.Frozen;
using Callout.Protocol.Errors;

namespace Callout.Server.Management;

/// Finds Callout's own operations by target. They share the API's framing but not its model, so
/// their prefix keeps them apart from every SSMContacts name.
sealed class ManagementCatalog(IEnumerable<IManagementOperation> operations)
{
    public const string TargetPrefix = "Callout.";

    readonly FrozenDictionary<string, IManagementOperation> byName =
        operations.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);

    public static bool Claims(string target) => target.StartsWith(TargetPrefix, StringComparison.Ordinal);

    public bool Knows(string target) => Claims(target) && byName.ContainsKey(target[TargetPrefix.Length..]);

    public IManagementOperation Resolve(string target) =>
        byName.TryGetValue(target[TargetPrefix.Length..], out var operation)
            ? operation
            : throw CommonErrors.UnknownOperation(target);
}
