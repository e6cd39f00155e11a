-- The audit log (docs/security.md): one row per state-changing call, written in the transaction of
-- the change it records. seq orders and pages a scope's records; time_ms serves the purge.
CREATE TABLE audit_events (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id     text COLLATE "C" NOT NULL,
    region         text COLLATE "C" NOT NULL,
    time_ms        bigint NOT NULL,
    caller         text   NOT NULL,
    source_address text,
    operation      text COLLATE "C" NOT NULL,
    resource_arn   text COLLATE "C",
    request_id     text   NOT NULL,
    outcome        text   NOT NULL
);
CREATE INDEX audit_events_by_scope ON audit_events (account_id, region, seq);
CREATE INDEX audit_events_by_time ON audit_events (time_ms);
