-- The audit log (docs/security.md): one row per state-changing call, written in the transaction of
-- the change it records. seq orders and pages a scope's records; time_ms serves the purge.
CREATE TABLE audit_events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id     TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    time_ms        INTEGER NOT NULL,
    caller         TEXT    NOT NULL,
    source_address TEXT,
    operation      TEXT    NOT NULL,
    resource_arn   TEXT,
    request_id     TEXT    NOT NULL,
    outcome        TEXT    NOT NULL
);
CREATE INDEX audit_events_by_scope ON audit_events (account_id, region, seq);
CREATE INDEX audit_events_by_time ON audit_events (time_ms);
