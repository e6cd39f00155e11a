using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Rotations;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// Rotations and their overrides.
internal abstract partial class StoreSession
{
    public Task InsertRotationAsync(Rotation rotation, CancellationToken ct) =>
        WriteAsync(BindRotation(Write(Writes.InsertRotation), rotation), ct);

    public Task UpdateRotationAsync(Rotation rotation, CancellationToken ct) =>
        WriteAsync(BindRotation(Write(Writes.UpdateRotation), rotation), ct);

    public async Task<Rotation?> FindRotationAsync(string rotationId, CancellationToken ct) =>
        await FirstAsync(Read(Selects.Rotation + " AND id = @id").Bind("@id", rotationId), ReadRotation, ct).ConfigureAwait(false);

    /// Deletes the overrides explicitly, as DeleteContact does its channels: tags have no foreign key.
    public async Task DeleteRotationAsync(string rotationId, CancellationToken ct)
    {
        await WriteAsync(Write(Writes.DeleteOverridesOfRotation).Bind("@id", rotationId), ct).ConfigureAwait(false);
        await WriteAsync(DeleteTags(new ResourceArn(Scope, ResourceKind.Rotation, rotationId).ToString()), ct).ConfigureAwait(false);
        await WriteAsync(Write(Writes.DeleteRotation).Bind("@id", rotationId), ct).ConfigureAwait(false);
    }

    /// A prefix is a range, not LIKE: '_' is legal in names, and LIKE ignores case (see ListContactsAsync).
    public async Task<IReadOnlyList<Rotation>> ListRotationsAsync(
        string? namePrefix, (string Name, string Id)? after, int limit, CancellationToken ct) =>
        await ListAsync(Read(Selects.ListRotations[Selects.Variant(namePrefix, after)])
            .Bind("@limit", limit)
            .Bind("@prefix", namePrefix)
            .Bind("@prefix_end", PrefixEnd(namePrefix))
            .Bind("@after_name", after?.Name)
            .Bind("@after_id", after?.Id), ReadRotation, ct).ConfigureAwait(false);

    public async Task<int> CountRotationsAsync(CancellationToken ct) =>
        await CountAsync(Read("SELECT count(*) FROM rotations WHERE account_id = @account AND region = @region"), ct).ConfigureAwait(false);

    /// One range of rotation_members' primary key, which triggers keep for rotations and overrides.
    public async Task<IReadOnlyList<string>> RotationsWithMemberAsync(string contactAlias, CancellationToken ct) =>
        await ListAsync(Read("""
                SELECT DISTINCT rotation_id FROM rotation_members
                WHERE account_id = @account AND region = @region AND alias = @alias
                ORDER BY rotation_id
                """).Bind("@alias", contactAlias), r => r.GetString(0), ct).ConfigureAwait(false);

    /// The rotation must exist (a foreign key). Its members reach rotation_members by a trigger.
    public async Task InsertOverrideAsync(RotationOverride rotationOverride, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rotationOverride);
        await WriteAsync(Write(Writes.InsertOverride)
            .Bind("@rotation_id", rotationOverride.RotationId)
            .Bind("@id", rotationOverride.Id)
            .Bind("@members", RotationJson.WriteAliases(rotationOverride.Members))
            .Bind("@start_time", Columns.Millis(rotationOverride.Start))
            .Bind("@end_time", Columns.Millis(rotationOverride.End))
            .Bind("@created_at", Columns.Millis(rotationOverride.CreatedAt)), ct).ConfigureAwait(false);
    }

    public async Task<RotationOverride?> FindOverrideAsync(string rotationId, string overrideId, CancellationToken ct) =>
        await FirstAsync(Read(Selects.Override + " AND id = @id")
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId), RowReader.Override, ct).ConfigureAwait(false);

    public async Task DeleteOverrideAsync(string rotationId, string overrideId, CancellationToken ct) =>
        await WriteAsync(Write(Writes.DeleteOverride)
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId), ct).ConfigureAwait(false);

    /// Half-open intervals: an override ending exactly at `from`, or starting exactly at `to`, does
    /// not overlap.
    public async Task<IReadOnlyList<RotationOverride>> ListOverridesAsync(
        string rotationId, Instant from, Instant to, CancellationToken ct) =>
        await ListAsync(Read(Selects.Override + """
                 AND start_time < @to AND end_time > @from
                ORDER BY start_time, created_at, id
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@from", Columns.Millis(from))
            .Bind("@to", Columns.Millis(to)), RowReader.Override, ct).ConfigureAwait(false);

    public async Task<int> CountActiveOverridesAsync(string rotationId, Instant now, CancellationToken ct) =>
        await CountAsync(Read("""
                SELECT count(*) FROM rotation_overrides
                WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id AND end_time > @now
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@now", Columns.Millis(now)), ct).ConfigureAwait(false);

    public async Task<Instant?> LatestOverrideCreationAsync(string rotationId, CancellationToken ct) =>
        await ScalarAsync(Read("""
                SELECT max(created_at) FROM rotation_overrides
                WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id
                """)
            .Bind("@rotation_id", rotationId), ct).ConfigureAwait(false) is long millis ? Columns.InstantOf(millis) : null;

    static DbCommand BindRotation(DbCommand command, Rotation rotation) => command
        .Bind("@id", (rotation ?? throw new ArgumentNullException(nameof(rotation))).Id)
        .Bind("@name", rotation.Name)
        .Bind("@contact_aliases", RotationJson.WriteAliases(rotation.ContactAliases))
        .Bind("@start_time", Columns.Millis(rotation.StartTime))
        .Bind("@time_zone_id", rotation.TimeZoneId)
        .Bind("@created_at", Columns.Millis(rotation.CreatedAt))
        .Bind("@recurrence", RotationJson.WriteRecurrence(rotation.Recurrence, rotation.StartTimeGiven));

    Rotation ReadRotation(DbDataReader reader) => RowReader.Rotation(reader, Scope);
}
