-- SSM Incidents data belongs to the account, whatever the region (docs/spec/incidents.md §1), so
-- these tables are keyed by account alone. Times are unix milliseconds.

-- Response plans: the template's scalars as columns, its tag map and lists and the inert members
-- (chat channel, actions, integrations) as JSON text.
CREATE TABLE response_plans (
    account_id          text COLLATE "C" NOT NULL,
    name                text COLLATE "C" NOT NULL,
    display_name        text,
    title               text NOT NULL,
    impact              integer NOT NULL,
    summary             text,
    dedupe_string       text COLLATE "C",
    incident_tags       text NOT NULL,
    notification_targets text NOT NULL,
    engagements         text NOT NULL,
    chat_channel        text,
    actions             text,
    integrations        text,
    created_at          bigint NOT NULL,
    modified_at         bigint NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE TABLE incidents (
    account_id           text COLLATE "C" NOT NULL,
    id                   text COLLATE "C" NOT NULL,
    plan_name            text COLLATE "C" NOT NULL,
    response_plan_arn    text NOT NULL,
    title                text NOT NULL,
    summary              text,
    impact               integer NOT NULL,
    status               text COLLATE "C" NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    dedupe_string        text COLLATE "C" NOT NULL,
    created_by           text NOT NULL,
    invoked_by           text,
    source_resource_arn  text,
    source               text NOT NULL,
    engaged_region       text NOT NULL,
    chat_channel         text,
    notification_targets text,
    created_at           bigint NOT NULL,
    resolved_at          bigint,
    modified_by          text NOT NULL,
    modified_at          bigint NOT NULL
);

-- One OPEN incident per dedupe string and account: the database refuses the second of two
-- concurrent starts, so duplicates from an HA pair of senders cannot both page.
CREATE UNIQUE INDEX incidents_open_by_dedupe ON incidents (account_id, dedupe_string)
    WHERE status = 'OPEN' AND dedupe_string <> '';

-- ListIncidentRecords walks an account's incidents newest first.
CREATE INDEX incidents_by_creation ON incidents (account_id, created_at DESC, id DESC);
-- The primary key comes after that index, so a lookup of one incident takes it on a new database
-- (0004_primary_keys_last.sql).
ALTER TABLE incidents ADD CONSTRAINT incidents_pkey PRIMARY KEY (account_id, id);

CREATE TABLE incident_events (
    account_id  text COLLATE "C" NOT NULL,
    incident_id text COLLATE "C" NOT NULL,
    event_id    text COLLATE "C" NOT NULL,
    event_type  text NOT NULL,
    event_data  text NOT NULL,
    refs        text,
    event_time  bigint NOT NULL,
    updated_at  bigint NOT NULL,
    PRIMARY KEY (account_id, incident_id, event_id)
);

CREATE TABLE incident_items (
    account_id     text COLLATE "C" NOT NULL,
    incident_id    text COLLATE "C" NOT NULL,
    identifier_key text COLLATE "C" NOT NULL,
    item           text NOT NULL,
    added_at       bigint NOT NULL,
    PRIMARY KEY (account_id, incident_id, identifier_key)
);

-- Alert sources: a sender's request carries only the key, so the key's SHA-256 finds the source
-- (and so its scope) across scopes. The region is the one whose contacts its incidents engage.
CREATE TABLE alert_sources (
    account_id         text COLLATE "C" NOT NULL,
    region             text COLLATE "C" NOT NULL,
    id                 text COLLATE "C" NOT NULL,
    name               text COLLATE "C" NOT NULL,
    format             text COLLATE "C" NOT NULL CHECK (format IN ('ALERTMANAGER', 'PAGERDUTY', 'GRAFANA', 'SNS', 'GENERIC')),
    response_plan_arn  text NOT NULL,
    key_hash           bytea NOT NULL UNIQUE,
    grafana_hmac_secret text,
    sns_topic_arns     text NOT NULL,
    created_at         bigint NOT NULL
);

CREATE INDEX alert_sources_by_creation ON alert_sources (account_id, region, created_at, id);
-- The primary key comes after that index, as for incidents.
ALTER TABLE alert_sources ADD CONSTRAINT alert_sources_pkey PRIMARY KEY (account_id, region, id);
