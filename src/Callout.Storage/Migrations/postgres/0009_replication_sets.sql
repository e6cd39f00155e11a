-- SSM Incidents' replication set: one per account, whatever the region (docs/spec/incidents.md
-- §2), so the key is the account alone. Its regions are rows of their own.
CREATE TABLE replication_sets (
    account_id         text COLLATE "C" NOT NULL PRIMARY KEY,
    id                 text COLLATE "C" NOT NULL,
    deletion_protected boolean NOT NULL,
    created_by         text NOT NULL,
    created_at         bigint NOT NULL,
    modified_by        text NOT NULL,
    modified_at        bigint NOT NULL
);

CREATE TABLE replication_set_regions (
    account_id  text COLLATE "C" NOT NULL,
    region_name text COLLATE "C" NOT NULL,
    kms_key_id  text,
    added_at    bigint NOT NULL,
    PRIMARY KEY (account_id, region_name)
);
