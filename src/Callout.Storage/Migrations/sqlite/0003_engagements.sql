-- Engagements, their pages and receipts, and the engine's durable work (IEngagementSession,
-- IEngineStore). As in 0001, every scoped table carries account_id and region, instants are INTEGER
-- unix milliseconds and "now" is always a parameter.
-- Nothing here references contacts: DeleteContact leaves an engagement's history readable.

CREATE TABLE engagements (
    account_id     TEXT    NOT NULL,
    region         TEXT    NOT NULL,
    id             TEXT    NOT NULL,
    contact_alias  TEXT    NOT NULL,
    root_kind      TEXT    NOT NULL CHECK (root_kind IN ('PERSONAL', 'ESCALATION', 'ONCALL_SCHEDULE')),
    sender         TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    content        TEXT    NOT NULL,
    public_subject TEXT,
    public_content TEXT,
    incident_id    TEXT,
    start_time     INTEGER NOT NULL,
    stop_time      INTEGER,
    stop_reason    TEXT,
    -- The plans in force at the start, as JSON (Sqlite/EngagementJson.cs). Last, so reading the
    -- other columns never walks its overflow pages.
    snapshot       TEXT    NOT NULL,
    PRIMARY KEY (account_id, region, id)
);

-- ListEngagements: newest first, ties by id descending, keyset after (start_time, id).
CREATE INDEX engagements_by_start ON engagements (account_id, region, start_time DESC, id DESC);
-- The same within one incident.
CREATE INDEX engagements_by_incident ON engagements (account_id, region, incident_id, start_time DESC, id DESC)
    WHERE incident_id IS NOT NULL;
-- CountRunningEngagements across all scopes counts this index alone.
CREATE INDEX engagements_running ON engagements (stop_time) WHERE stop_time IS NULL;

CREATE TABLE pages (
    account_id    TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    engagement_id TEXT    NOT NULL,
    contact_alias TEXT    NOT NULL,
    channel_id    TEXT    NOT NULL,
    -- JSON array of resolution steps, root first.
    resolution    TEXT    NOT NULL,
    essential     INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    sent_time     INTEGER,
    delivery_time INTEGER,
    read_time     INTEGER,
    PRIMARY KEY (account_id, region, id)
);

-- ListPages of an engagement (newest first) and UnreadPages.
CREATE INDEX pages_by_engagement ON pages (account_id, region, engagement_id, created_at, id);
-- ListPages of a person.
CREATE INDEX pages_by_contact ON pages (account_id, region, contact_alias, created_at, id);

CREATE TABLE receipts (
    -- AUTOINCREMENT: the sequence is the order receipts were written and the paging key, so it
    -- is never reused.
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT    NOT NULL,
    region     TEXT    NOT NULL,
    page_id    TEXT    NOT NULL,
    channel_id TEXT,
    kind       TEXT    NOT NULL CHECK (kind IN ('SENT', 'DELIVERED', 'READ', 'ERROR', 'STOP')),
    info       TEXT,
    time       INTEGER NOT NULL
);

CREATE INDEX receipts_by_page ON receipts (account_id, region, page_id, seq);

CREATE TABLE acknowledgements (
    account_id    TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    engagement_id TEXT    NOT NULL,
    contact_alias TEXT    NOT NULL,
    time          INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, engagement_id, contact_alias)
) WITHOUT ROWID;

-- Steps are keyed by id alone: the engine claims them across all scopes.
CREATE TABLE steps (
    id            TEXT    NOT NULL PRIMARY KEY,
    account_id    TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    engagement_id TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('SEND_PAGE', 'ENTER_SCHEDULE', 'FINISH')),
    due           INTEGER NOT NULL,
    -- The payload; only the members of the step's kind are set.
    page_id       TEXT,
    contact_alias TEXT,
    channel_arn   TEXT,
    attempt       INTEGER NOT NULL,
    -- JSON array of resolution steps, or NULL when the step has none.
    resolution    TEXT,
    essential     INTEGER NOT NULL,
    done          INTEGER NOT NULL DEFAULT 0,
    lease_owner   TEXT,
    lease_until   INTEGER
);

-- ClaimDueSteps and NextDue: pending steps by (due, id). Partial on done = 0, so completed steps,
-- which only accumulate, cost the claim nothing and leave this index as they complete.
CREATE INDEX steps_pending_by_due ON steps (due, id) WHERE done = 0;
-- CancelSteps and ExtendFinish: one engagement's pending steps.
CREATE INDEX steps_pending_by_engagement ON steps (account_id, region, engagement_id) WHERE done = 0;

CREATE TABLE deliveries (
    account_id          TEXT    NOT NULL,
    region              TEXT    NOT NULL,
    key                 TEXT    NOT NULL,
    page_id             TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'UNKNOWN')),
    provider_message_id TEXT,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, key)
) WITHOUT ROWID;

-- Store-wide secrets shared by every node (IEngineStore.GetSecret); not scoped.
CREATE TABLE secrets (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
