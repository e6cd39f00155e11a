using Callout.Domain.Errors;
using NodaTime;

namespace Callout.Domain.Incidents;

/// What UpdateReplicationSet and DeleteReplicationSet may do (docs/spec/incidents.md §2).
public static class ReplicationSetRules
{
    public static ReplicationSet AddRegion(ReplicationSet set, string region, string? kmsKeyId, string caller, Instant now)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Regions.Any(r => r.Name == region))
        {
            throw new InvalidRequest($"Region {region} is already part of the replication set.", "regionName");
        }
        if (set.Regions.Count >= MaxRegions)
        {
            throw new InvalidRequest($"A replication set has at most {MaxRegions} regions.", "regionName");
        }
        return set with
        {
            Regions = [.. set.Regions, new ReplicationRegion(region, kmsKeyId, now)],
            LastModifiedBy = caller,
            LastModifiedAt = now,
        };
    }

    /// deletionProtected (model: it denies deleting the final region) keeps the last region.
    public static ReplicationSet DeleteRegion(ReplicationSet set, string region, string caller, Instant now)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Regions.All(r => r.Name != region))
        {
            throw new InvalidRequest($"Region {region} is not part of the replication set.", "regionName");
        }
        if (set.Regions.Count == 1)
        {
            throw new InvalidRequest(set.DeletionProtected
                ? $"Region {region} is the replication set's last region and the set is protected from deletion."
                : $"Region {region} is the replication set's last region; delete the replication set instead.", "regionName");
        }
        return set with
        {
            Regions = set.Regions.Where(r => r.Name != region).ToList(),
            LastModifiedBy = caller,
            LastModifiedAt = now,
        };
    }

    public static void CheckDeletable(ReplicationSet set, string arn)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.DeletionProtected)
        {
            throw new InvalidRequest(
                $"The replication set {arn} is protected from deletion; call UpdateDeletionProtection with deletionProtected false first.");
        }
    }

    /// The model's RegionMapInput holds at most three regions.
    public const int MaxRegions = 3;
}
