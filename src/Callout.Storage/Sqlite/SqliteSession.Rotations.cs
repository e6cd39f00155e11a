using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Rotations;
using Callout.Storage.Rows;
using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task InsertRotationAsync(Rotation rotation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        await Write("""
                INSERT INTO rotations (account_id, region, id, name, contact_aliases, start_time, time_zone_id, created_at, recurrence)
                VALUES (@account, @region, @id, @name, @contact_aliases, @start_time, @time_zone_id, @created_at, @recurrence)
                """)
            .BindRotation(rotation)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task UpdateRotationAsync(Rotation rotation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        // Members are kept in rotation_members by a trigger (Migrations/sqlite/0005_rotations.sql).
        await Write("""
                UPDATE rotations SET name = @name, contact_aliases = @contact_aliases, start_time = @start_time,
                    time_zone_id = @time_zone_id, created_at = @created_at, recurrence = @recurrence
                WHERE account_id = @account AND region = @region AND id = @id
                """)
            .BindRotation(rotation)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<Rotation?> FindRotationAsync(string rotationId, CancellationToken ct)
    {
        var command = Read(Selects.Rotation + " AND id = @id").Bind("@id", rotationId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadRotation(reader) : null;
    }

    /// Deletes the overrides explicitly, as DeleteContact does its channels: tags have no foreign
    /// key, and the cascade depends on a per-connection pragma.
    public async Task DeleteRotationAsync(string rotationId, CancellationToken ct)
    {
        await Write("""
                DELETE FROM rotation_overrides WHERE account_id = @account AND region = @region AND rotation_id = @id;
                DELETE FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn;
                DELETE FROM rotations WHERE account_id = @account AND region = @region AND id = @id;
                """)
            .Bind("@id", rotationId)
            .Bind("@arn", new ResourceArn(scope, ResourceKind.Rotation, rotationId).ToString())
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Rotation>> ListRotationsAsync(
        string? namePrefix, (string Name, string Id)? after, int limit, CancellationToken ct)
    {
        var variant = (namePrefix is null ? 0 : 1) | (after is null ? 0 : 2);
        var command = Read(Selects.ListRotations[variant]).Bind("@limit", limit);
        if (namePrefix is not null)
        {
            // A range, not LIKE: '_' is legal in names, and LIKE ignores case. U+10FFFF sorts after
            // every character SQLite's BINARY collation can meet (see ListContactsAsync).
            command.Bind("@prefix", namePrefix).Bind("@prefix_end", namePrefix + char.ConvertFromUtf32(0x10FFFF));
        }
        if (after is { } key)
        {
            command.Bind("@after_name", key.Name).Bind("@after_id", key.Id);
        }
        var rotations = new List<Rotation>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rotations.Add(ReadRotation(reader));
        }
        return rotations;
    }

    public async Task<int> CountRotationsAsync(CancellationToken ct)
    {
        var count = await Read("SELECT count(*) FROM rotations WHERE account_id = @account AND region = @region")
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    /// One range of rotation_members' primary key, which triggers keep for rotations and overrides.
    public async Task<IReadOnlyList<string>> RotationsWithMemberAsync(string contactAlias, CancellationToken ct)
    {
        var ids = new List<string>();
        await using var reader = await Read("""
                SELECT DISTINCT rotation_id FROM rotation_members
                WHERE account_id = @account AND region = @region AND alias = @alias
                ORDER BY rotation_id
                """)
            .Bind("@alias", contactAlias)
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    Rotation ReadRotation(SqliteDataReader reader) => RowReader.Rotation(reader, scope);
}

file static class RotationBinding
{
    public static SqliteCommand BindRotation(this SqliteCommand command, Rotation rotation) => command
        .Bind("@id", rotation.Id)
        .Bind("@name", rotation.Name)
        .Bind("@contact_aliases", RotationJson.WriteAliases(rotation.ContactAliases))
        .Bind("@start_time", Columns.Millis(rotation.StartTime))
        .Bind("@time_zone_id", rotation.TimeZoneId)
        .Bind("@created_at", Columns.Millis(rotation.CreatedAt))
        .Bind("@recurrence", RotationJson.WriteRecurrence(rotation.Recurrence, rotation.StartTimeGiven));
}
