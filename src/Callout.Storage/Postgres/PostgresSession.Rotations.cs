using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Rotations;
using Callout.Storage.Rows;
using Callout.Storage.Sqlite;
using Npgsql;
using NodaTime;

namespace Callout.Storage.Postgres;

/// Rotations and their overrides.
internal sealed partial class PostgresSession
{
    public async Task InsertRotationAsync(Rotation rotation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        await DeferAsync(BindRotation(Write("""
                INSERT INTO rotations (account_id, region, id, name, contact_aliases, start_time, time_zone_id, created_at, recurrence)
                VALUES (@account, @region, @id, @name, @contact_aliases, @start_time, @time_zone_id, @created_at, @recurrence)
                """), rotation));
    }

    public async Task UpdateRotationAsync(Rotation rotation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        // Members are kept in rotation_members by a trigger (Migrations/postgres/0001_initial.sql).
        await DeferAsync(BindRotation(Write("""
                UPDATE rotations SET name = @name, contact_aliases = @contact_aliases, start_time = @start_time,
                    time_zone_id = @time_zone_id, created_at = @created_at, recurrence = @recurrence
                WHERE account_id = @account AND region = @region AND id = @id
                """), rotation));
    }

    public Task<Rotation?> FindRotationAsync(string rotationId, CancellationToken ct) =>
        FirstAsync(Read(Selects.Rotation + " AND id = @id").Bind("@id", rotationId), ReadRotation, ct);

    /// Deletes the overrides explicitly, as DeleteContact does its channels: tags have no foreign key.
    public async Task DeleteRotationAsync(string rotationId, CancellationToken ct)
    {
        await DeferAsync(Write("DELETE FROM rotation_overrides WHERE account_id = @account AND region = @region AND rotation_id = @id")
            .Bind("@id", rotationId));
        await DeferAsync(Write("DELETE FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn")
            .Bind("@arn", new ResourceArn(scope, ResourceKind.Rotation, rotationId).ToString()));
        await DeferAsync(Write("DELETE FROM rotations WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", rotationId));
    }

    public async Task<IReadOnlyList<Rotation>> ListRotationsAsync(
        string? namePrefix, (string Name, string Id)? after, int limit, CancellationToken ct)
    {
        var variant = (namePrefix is null ? 0 : 1) | (after is null ? 0 : 2);
        var command = Read(Selects.ListRotations[variant]).Bind("@limit", limit);
        if (namePrefix is not null)
        {
            // A range, not LIKE: '_' is legal in names (see ListContactsAsync).
            command.Bind("@prefix", namePrefix).Bind("@prefix_end", namePrefix + char.ConvertFromUtf32(0x10FFFF));
        }
        if (after is { } key)
        {
            command.Bind("@after_name", key.Name).Bind("@after_id", key.Id);
        }
        return await ListAsync(command, ReadRotation, ct).ConfigureAwait(false);
    }

    public async Task<int> CountRotationsAsync(CancellationToken ct)
    {
        var count = await ScalarAsync(Read("SELECT count(*) FROM rotations WHERE account_id = @account AND region = @region"), ct)
            .ConfigureAwait(false);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

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
        await DeferAsync(Write("""
                INSERT INTO rotation_overrides (account_id, region, rotation_id, id, members, start_time, end_time, created_at)
                VALUES (@account, @region, @rotation_id, @id, @members, @start_time, @end_time, @created_at)
                """)
            .Bind("@rotation_id", rotationOverride.RotationId)
            .Bind("@id", rotationOverride.Id)
            .Bind("@members", RotationJson.WriteAliases(rotationOverride.Members))
            .Bind("@start_time", Columns.Millis(rotationOverride.Start))
            .Bind("@end_time", Columns.Millis(rotationOverride.End))
            .Bind("@created_at", Columns.Millis(rotationOverride.CreatedAt)));
    }

    public Task<RotationOverride?> FindOverrideAsync(string rotationId, string overrideId, CancellationToken ct) =>
        FirstAsync(Read(Selects.Override + " AND id = @id")
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId), RowReader.Override, ct);

    public async Task DeleteOverrideAsync(string rotationId, string overrideId, CancellationToken ct)
    {
        await DeferAsync(Write("""
                DELETE FROM rotation_overrides
                WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id AND id = @id
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId));
    }

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

    public async Task<int> CountActiveOverridesAsync(string rotationId, Instant now, CancellationToken ct)
    {
        var count = await ScalarAsync(Read("""
                SELECT count(*) FROM rotation_overrides
                WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id AND end_time > @now
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@now", Columns.Millis(now)), ct).ConfigureAwait(false);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    static NpgsqlCommand BindRotation(NpgsqlCommand command, Rotation rotation) => command
        .Bind("@id", rotation.Id)
        .Bind("@name", rotation.Name)
        .Bind("@contact_aliases", RotationJson.WriteAliases(rotation.ContactAliases))
        .Bind("@start_time", Columns.Millis(rotation.StartTime))
        .Bind("@time_zone_id", rotation.TimeZoneId)
        .Bind("@created_at", Columns.Millis(rotation.CreatedAt))
        .Bind("@recurrence", RotationJson.WriteRecurrence(rotation.Recurrence, rotation.StartTimeGiven));

    Rotation ReadRotation(NpgsqlDataReader reader) => RowReader.Rotation(reader, scope);
}
