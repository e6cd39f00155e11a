using Callout.Domain.Arns;
using NodaTime;

namespace Callout.Domain.Rotations;

/// A rotation: its members (PERSONAL contact aliases, in shift order) take turns from StartTime in
/// the time zone TimeZoneId (an IANA id, kept as given). StartTimeGiven is false when the caller
/// never sent a StartTime: shifts then run from the creation time, but the API does not report it
/// as the caller's (docs/decisions.md, Rotations).
public sealed record Rotation(
    ResourceArn Arn,
    string Name,
    IReadOnlyList<string> ContactAliases,
    Instant StartTime,
    string TimeZoneId,
    Recurrence Recurrence,
    Instant CreatedAt,
    bool StartTimeGiven = true)
{
    public string Id => Arn.Id;
}
