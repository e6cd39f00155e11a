-- Every table carries account_id and region: a session sees only its own scope (AccountScope).
-- The partition follows from the region, so it is not stored.
-- Instants are INTEGER unix milliseconds. No column defaults to the current time: "now" is always
-- a parameter (STYLE.md §3, Time).

CREATE TABLE contacts (
    account_id   TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    alias        TEXT    NOT NULL,
    display_name TEXT,
    kind         TEXT    NOT NULL CHECK (kind IN ('PERSONAL', 'ESCALATION', 'ONCALL_SCHEDULE')),
    -- Stages or rotation ids as JSON (Sqlite/PlanJson.cs).
    plan         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, alias)
) WITHOUT ROWID;

CREATE TABLE channels (
    account_id              TEXT    NOT NULL,
    region                  TEXT    NOT NULL,
    id                      TEXT    NOT NULL,
    contact_alias           TEXT    NOT NULL,
    name                    TEXT    NOT NULL,
    kind                    TEXT    NOT NULL CHECK (kind IN ('SMS', 'VOICE', 'EMAIL')),
    address                 TEXT    NOT NULL,
    activated               INTEGER NOT NULL,
    activation_code_hash    TEXT,
    activation_code_expires INTEGER,
    -- JSON array of unix milliseconds; a handful of entries at most (ServiceLimits.ActivationCodesPerHour).
    activation_codes_sent   TEXT    NOT NULL,
    created_at              INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, id),
    FOREIGN KEY (account_id, region, contact_alias) REFERENCES contacts (account_id, region, alias) ON DELETE CASCADE
) WITHOUT ROWID;

-- ListChannels walks one contact's channels in creation order.
CREATE INDEX channels_by_contact ON channels (account_id, region, contact_alias, created_at, id);

CREATE TABLE tags (
    account_id   TEXT NOT NULL,
    region       TEXT NOT NULL,
    resource_arn TEXT NOT NULL,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (account_id, region, resource_arn, key)
) WITHOUT ROWID;

CREATE TABLE policies (
    account_id    TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    contact_alias TEXT    NOT NULL,
    policy        TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, contact_alias),
    FOREIGN KEY (account_id, region, contact_alias) REFERENCES contacts (account_id, region, alias) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE idempotency (
    account_id   TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    operation    TEXT    NOT NULL,
    token        TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    response     BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, operation, token)
) WITHOUT ROWID;

-- Expired records are purged by age within a scope on every put.
CREATE INDEX idempotency_by_age ON idempotency (account_id, region, created_at);

CREATE TABLE outbox (
    -- AUTOINCREMENT so a sequence number is never reused, even after the newest message is removed.
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    account_id   TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    channel_type TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
