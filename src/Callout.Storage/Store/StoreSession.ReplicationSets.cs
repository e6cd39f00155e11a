using System.Data.Common;
using Callout.Domain.Incidents;
using Callout.Storage.Rows;

namespace Callout.Storage.Store;

/// The account's replication set. Its statements are bound to @region like every other but never read it:
/// the set belongs to the account (docs/spec/incidents.md §1).
internal abstract partial class StoreSession
{
    /// One statement, the set joined with its regions: every alert reads the set (IncidentStarter),
    /// and on PostgreSQL each statement more is a round trip more on the way to the first page.
    public Task<ReplicationSet?> FindReplicationSetAsync(CancellationToken ct) =>
        QueryAsync(Read("""
                SELECT s.id, s.deletion_protected, s.created_by, s.created_at, s.modified_by, s.modified_at,
                    r.region_name, r.kms_key_id, r.added_at
                FROM replication_sets s
                LEFT JOIN replication_set_regions r ON r.account_id = s.account_id
                WHERE s.account_id = @account
                ORDER BY r.added_at, r.region_name
                """), ReadReplicationSetAsync, ct);

    /// The set from its first row, and a region from every row that has one (none has when the
    /// set has no regions: the join gives one row of NULLs then).
    static async Task<ReplicationSet?> ReadReplicationSetAsync(DbDataReader r, CancellationToken ct)
    {
        ReplicationSet? set = null;
        var regions = new List<ReplicationRegion>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            set ??= new ReplicationSet(r.GetString(0), [], r.GetBoolean(1), r.GetString(2), Columns.InstantOf(r.GetInt64(3)),
                r.GetString(4), Columns.InstantOf(r.GetInt64(5)));
            if (!r.IsDBNull(6))
            {
                regions.Add(new ReplicationRegion(r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), Columns.InstantOf(r.GetInt64(8))));
            }
        }
        return set is null ? null : set with { Regions = regions };
    }

    public async Task<bool> InsertReplicationSetAsync(ReplicationSet set, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(set);
        var inserted = await ExecuteAsync(Bind(Write("""
                INSERT INTO replication_sets (account_id, id, deletion_protected, created_by, created_at, modified_by, modified_at)
                SELECT @account, @id, @protected, @created_by, @created_at, @modified_by, @modified_at
                ON CONFLICT (account_id) DO NOTHING
                """), set), ct).ConfigureAwait(false);
        if (inserted == 0)
        {
            return false;
        }
        await InsertRegionsAsync(set, ct).ConfigureAwait(false);
        return true;
    }

    public async Task UpdateReplicationSetAsync(ReplicationSet set, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(set);
        await WriteAsync(Bind(Write("""
                UPDATE replication_sets SET deletion_protected = @protected, created_by = @created_by, created_at = @created_at,
                    modified_by = @modified_by, modified_at = @modified_at
                WHERE account_id = @account AND id = @id
                """), set), ct).ConfigureAwait(false);
        await WriteAsync(Write("DELETE FROM replication_set_regions WHERE account_id = @account"), ct).ConfigureAwait(false);
        await InsertRegionsAsync(set, ct).ConfigureAwait(false);
    }

    public async Task DeleteReplicationSetAsync(string id, CancellationToken ct)
    {
        await WriteAsync(Write("DELETE FROM replication_sets WHERE account_id = @account AND id = @id")
            .Bind("@id", id), ct).ConfigureAwait(false);
        await WriteAsync(Write("DELETE FROM replication_set_regions WHERE account_id = @account"), ct).ConfigureAwait(false);
    }

    async Task InsertRegionsAsync(ReplicationSet set, CancellationToken ct)
    {
        foreach (var region in set.Regions)
        {
            await WriteAsync(Write("""
                    INSERT INTO replication_set_regions (account_id, region_name, kms_key_id, added_at)
                    SELECT @account, @name, @kms, @added_at
                    """)
                .Bind("@name", region.Name)
                .Bind("@kms", region.KmsKeyId)
                .Bind("@added_at", Columns.Millis(region.AddedAt)), ct).ConfigureAwait(false);
        }
    }

    static DbCommand Bind(DbCommand command, ReplicationSet set) => command
        .Bind("@id", set.Id)
        .Bind("@protected", set.DeletionProtected)
        .Bind("@created_by", set.CreatedBy)
        .Bind("@created_at", Columns.Millis(set.CreatedAt))
        .Bind("@modified_by", set.LastModifiedBy)
        .Bind("@modified_at", Columns.Millis(set.LastModifiedAt));
}
