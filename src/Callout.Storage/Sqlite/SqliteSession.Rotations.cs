using Callout.Domain.Rotations;
using NodaTime;

namespace Callout.Storage.Sqlite;

// Placeholder while the rotation tables are written; replaced before anything uses it.
internal sealed partial class SqliteSession
{
    public Task InsertRotationAsync(Rotation rotation, CancellationToken ct) => throw new NotImplementedException();

    public Task UpdateRotationAsync(Rotation rotation, CancellationToken ct) => throw new NotImplementedException();

    public Task<Rotation?> FindRotationAsync(string rotationId, CancellationToken ct) => throw new NotImplementedException();

    public Task DeleteRotationAsync(string rotationId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<Rotation>> ListRotationsAsync(string? namePrefix, (string Name, string Id)? after, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<int> CountRotationsAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<string>> RotationsWithMemberAsync(string contactAlias, CancellationToken ct) => throw new NotImplementedException();

    public Task InsertOverrideAsync(RotationOverride rotationOverride, CancellationToken ct) => throw new NotImplementedException();

    public Task<RotationOverride?> FindOverrideAsync(string rotationId, string overrideId, CancellationToken ct) => throw new NotImplementedException();

    public Task DeleteOverrideAsync(string rotationId, string overrideId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<RotationOverride>> ListOverridesAsync(string rotationId, Instant from, Instant to, CancellationToken ct) => throw new NotImplementedException();

    public Task<int> CountActiveOverridesAsync(string rotationId, Instant now, CancellationToken ct) => throw new NotImplementedException();
}
