-- SSM Incidents data belongs to the account, whatever the region (docs/spec/incidents.md §1), so
-- these tables are keyed by account alone. Times are unix milliseconds.

-- Response plans: the template's scalars as columns, its tag map and lists and the inert members
-- (chat channel, actions, integrations) as JSON text.
CREATE TABLE response_plans (
    account_id          TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    display_name        TEXT,
    title               TEXT    NOT NULL,
    impact              INTEGER NOT NULL,
    summary             TEXT,
    dedupe_string       TEXT,
    incident_tags       TEXT    NOT NULL,
    notification_targets TEXT   NOT NULL,
    engagements         TEXT    NOT NULL,
    chat_channel        TEXT,
    actions             TEXT,
    integrations        TEXT,
    created_at          INTEGER NOT NULL,
    modified_at         INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

CREATE TABLE incidents (
    account_id           TEXT    NOT NULL,
    id                   TEXT    NOT NULL,
    plan_name            TEXT    NOT NULL,
    response_plan_arn    TEXT    NOT NULL,
    title                TEXT    NOT NULL,
    summary              TEXT,
    impact               INTEGER NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    dedupe_string        TEXT    NOT NULL,
    created_by           TEXT    NOT NULL,
    invoked_by           TEXT,
    source_resource_arn  TEXT,
    source               TEXT    NOT NULL,
    engaged_region       TEXT    NOT NULL,
    chat_channel         TEXT,
    notification_targets TEXT,
    created_at           INTEGER NOT NULL,
    resolved_at          INTEGER,
    modified_by          TEXT    NOT NULL,
    modified_at          INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
) WITHOUT ROWID;

-- One OPEN incident per dedupe string and account: the database refuses the second of two
-- concurrent starts, so duplicates from an HA pair of senders cannot both page.
CREATE UNIQUE INDEX incidents_open_by_dedupe ON incidents (account_id, dedupe_string)
    WHERE status = 'OPEN' AND dedupe_string <> '';

-- ListIncidentRecords walks an account's incidents newest first.
CREATE INDEX incidents_by_creation ON incidents (account_id, created_at DESC, id DESC);

CREATE TABLE incident_events (
    account_id  TEXT    NOT NULL,
    incident_id TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    event_data  TEXT    NOT NULL,
    refs        TEXT,
    event_time  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, incident_id, event_id)
) WITHOUT ROWID;

CREATE TABLE incident_items (
    account_id     TEXT    NOT NULL,
    incident_id    TEXT    NOT NULL,
    identifier_key TEXT    NOT NULL,
    item           TEXT    NOT NULL,
    added_at       INTEGER NOT NULL,
    PRIMARY KEY (account_id, incident_id, identifier_key)
) WITHOUT ROWID;

-- Alert sources: a sender's request carries only the key, so the key's SHA-256 finds the source
-- (and so its scope) across scopes. The region is the one whose contacts its incidents engage.
CREATE TABLE alert_sources (
    account_id         TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    id                 TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    format             TEXT    NOT NULL CHECK (format IN ('ALERTMANAGER', 'PAGERDUTY', 'GRAFANA', 'SNS', 'GENERIC')),
    response_plan_arn  TEXT    NOT NULL,
    key_hash           BLOB    NOT NULL UNIQUE,
    grafana_hmac_secret TEXT,
    sns_topic_arns     TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, id)
) WITHOUT ROWID;

CREATE INDEX alert_sources_by_creation ON alert_sources (account_id, region, created_at, id);
