using Callout.Domain.Arns;
using NodaTime;

namespace Callout.Domain.Rotations;

/// A rotation: its members (PERSONAL contact aliases, in shift order) take turns from StartTime in
/// the time zone TimeZoneId (an IANA id, kept as given).
public sealed record Rotation(
    ResourceArn Arn,
    string Name,
    IReadOnlyList<string> ContactAliases,
    Instant StartTime,
    string TimeZoneId,
    Recurrence Recurrence,
    Instant CreatedAt)
{
    public string Id => Arn.Id;
}
