using System.Text.Json;
using Callout.Protocol.Dispatch;
using Callout.Server.Management;

namespace Callout.Server.Audit;

/// Which operations the audit log records, and which resource a request names. Every operation
/// of the model that is not a read changes state; the model's reads all start with Get, List or
/// Describe, so an operation added to the model is recorded unless it is one of those. Callout's
/// own operations (`Callout.*`) follow the same rule after their prefix.
static class AuditedOperations
{
    static readonly string[] ReadPrefixes = ["Get", "List", "Describe"];

    // The members that name the resource a request acts on, most specific first.
    static readonly string[] ResourceMembers = ["ResourceARN", "ContactChannelId", "PageId", "EngagementId", "RotationId", "ContactId", "ContactArn"];

    // An ARN is at most 2048 characters in the model; a refused request may carry anything.
    const int MaxArnLength = 2048;

    public static bool ChangesState(string operation)
    {
        var name = operation.StartsWith(ManagementCatalog.TargetPrefix, StringComparison.Ordinal)
            ? operation[ManagementCatalog.TargetPrefix.Length..]
            : operation;
        return !ReadPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// The operation a target header names as the audit log spells it (an API operation by its
    /// name, one of Callout's own by its whole target), or null when it names none.
    public static string? NameOf(string? target, ManagementCatalog management) =>
        target is null ? null
        : target.StartsWith(OperationCatalog.TargetPrefix, StringComparison.Ordinal)
          && OperationCatalog.All.ContainsKey(target[OperationCatalog.TargetPrefix.Length..])
            ? target[OperationCatalog.TargetPrefix.Length..]
        : ManagementCatalog.Claims(target) && management.Knows(target) ? target
        : null;

    /// The resource a request body names, as the caller wrote it, for a call that changed nothing
    /// or was refused (a handler that changes something names the resource itself).
    public static string? ResourceOf(JsonElement body)
    {
        foreach (var member in ResourceMembers)
        {
            if (body.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 and <= MaxArnLength } text)
            {
                return text;
            }
        }
        return null;
    }
}
