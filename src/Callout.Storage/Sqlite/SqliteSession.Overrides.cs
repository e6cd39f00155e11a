using System.Globalization;
using Callout.Domain.Rotations;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    const string OverrideColumns = """
        SELECT id, rotation_id, members, start_time, end_time, created_at
        FROM rotation_overrides WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id
        """;

    /// The rotation must exist (a foreign key). Its members reach rotation_members by a trigger.
    public async Task InsertOverrideAsync(RotationOverride rotationOverride, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rotationOverride);
        await Write("""
                INSERT INTO rotation_overrides (account_id, region, rotation_id, id, members, start_time, end_time, created_at)
                VALUES (@account, @region, @rotation_id, @id, @members, @start_time, @end_time, @created_at)
                """)
            .Bind("@rotation_id", rotationOverride.RotationId)
            .Bind("@id", rotationOverride.Id)
            .Bind("@members", RotationJson.WriteAliases(rotationOverride.Members))
            .Bind("@start_time", Columns.Millis(rotationOverride.Start))
            .Bind("@end_time", Columns.Millis(rotationOverride.End))
            .Bind("@created_at", Columns.Millis(rotationOverride.CreatedAt))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<RotationOverride?> FindOverrideAsync(string rotationId, string overrideId, CancellationToken ct)
    {
        var command = Read(OverrideColumns + " AND id = @id")
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadOverride(reader) : null;
    }

    public async Task DeleteOverrideAsync(string rotationId, string overrideId, CancellationToken ct)
    {
        await Write("""
                DELETE FROM rotation_overrides
                WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id AND id = @id
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// Half-open intervals: an override ending exactly at `from`, or starting exactly at `to`, does
    /// not overlap.
    public async Task<IReadOnlyList<RotationOverride>> ListOverridesAsync(
        string rotationId, Instant from, Instant to, CancellationToken ct)
    {
        var overrides = new List<RotationOverride>();
        await using var reader = await Read(OverrideColumns + """
                 AND start_time < @to AND end_time > @from
                ORDER BY start_time, created_at, id
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@from", Columns.Millis(from))
            .Bind("@to", Columns.Millis(to))
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            overrides.Add(ReadOverride(reader));
        }
        return overrides;
    }

    public async Task<int> CountActiveOverridesAsync(string rotationId, Instant now, CancellationToken ct)
    {
        var count = await Read("""
                SELECT count(*) FROM rotation_overrides
                WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id AND end_time > @now
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@now", Columns.Millis(now))
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    static RotationOverride ReadOverride(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        RotationJson.ReadAliases(reader.GetString(2)),
        Columns.InstantOf(reader.GetInt64(3)),
        Columns.InstantOf(reader.GetInt64(4)),
        Columns.InstantOf(reader.GetInt64(5)));
}
