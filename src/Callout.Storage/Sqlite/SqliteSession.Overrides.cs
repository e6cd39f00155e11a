using System.Globalization;
using Callout.Domain.Rotations;
using Callout.Storage.Rows;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
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
        var command = Read(Selects.Override + " AND id = @id")
            .Bind("@rotation_id", rotationId)
            .Bind("@id", overrideId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? RowReader.Override(reader) : null;
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
        await using var reader = await Read(Selects.Override + """
                 AND start_time < @to AND end_time > @from
                ORDER BY start_time, created_at, id
                """)
            .Bind("@rotation_id", rotationId)
            .Bind("@from", Columns.Millis(from))
            .Bind("@to", Columns.Millis(to))
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            overrides.Add(RowReader.Override(reader));
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
}
