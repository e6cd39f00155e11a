using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Domain.Ports;

/// Rotations and their overrides, within one account and region.
public interface IRotationSession
{
    Task InsertRotationAsync(Rotation rotation, CancellationToken ct);

    /// Replaces the stored rotation with the same id.
    Task UpdateRotationAsync(Rotation rotation, CancellationToken ct);

    Task<Rotation?> FindRotationAsync(string rotationId, CancellationToken ct);

    /// Removes the rotation with its overrides and its tags (keyed by its ARN).
    Task DeleteRotationAsync(string rotationId, CancellationToken ct);

    /// Sorted by Name, then id; optionally only names starting with `namePrefix` (case-sensitive);
    /// starting after (afterName, afterId) when given.
    Task<IReadOnlyList<Rotation>> ListRotationsAsync(string? namePrefix, (string Name, string Id)? after, int limit, CancellationToken ct);

    Task<int> CountRotationsAsync(CancellationToken ct);

    /// Ids of the rotations that have the contact as a member or in one of their overrides.
    Task<IReadOnlyList<string>> RotationsWithMemberAsync(string contactAlias, CancellationToken ct);

    Task InsertOverrideAsync(RotationOverride rotationOverride, CancellationToken ct);

    Task<RotationOverride?> FindOverrideAsync(string rotationId, string overrideId, CancellationToken ct);

    Task DeleteOverrideAsync(string rotationId, string overrideId, CancellationToken ct);

    /// Overrides of the rotation whose [Start, End) overlaps [from, to), sorted by Start, then
    /// CreatedAt, then Id.
    Task<IReadOnlyList<RotationOverride>> ListOverridesAsync(string rotationId, Instant from, Instant to, CancellationToken ct);

    /// Overrides of the rotation that have not ended by `now`.
    Task<int> CountActiveOverridesAsync(string rotationId, Instant now, CancellationToken ct);

    /// When the rotation's newest override was created; null when it has none.
    Task<Instant?> LatestOverrideCreationAsync(string rotationId, CancellationToken ct);
}
