using NodaTime;

namespace Callout.Domain.Incidents;

/// One region of a replication set, with the KMS key its caller named (null: AWS-owned key).
public sealed record ReplicationRegion(string Name, string? KmsKeyId, Instant AddedAt);

/// An account's one replication set (docs/spec/incidents.md §2). Callout keeps incident data in
/// its own store, so the set is bookkeeping that clients and Terraform expect: it is ACTIVE from
/// the start and its regions are stored as given.
public sealed record ReplicationSet(
    string Id,
    IReadOnlyList<ReplicationRegion> Regions,
    bool DeletionProtected,
    string CreatedBy,
    Instant CreatedAt,
    string LastModifiedBy,
    Instant LastModifiedAt);
