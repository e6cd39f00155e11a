-- SSM Incidents' replication set: one per account, whatever the region (docs/spec/incidents.md
-- §2), so the key is the account alone. Its regions are rows of their own.
CREATE TABLE replication_sets (
    account_id         TEXT NOT NULL PRIMARY KEY,
    id                 TEXT NOT NULL,
    deletion_protected INTEGER NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    modified_by        TEXT NOT NULL,
    modified_at        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE replication_set_regions (
    account_id  TEXT NOT NULL,
    region_name TEXT NOT NULL,
    kms_key_id  TEXT,
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, region_name)
) WITHOUT ROWID;
