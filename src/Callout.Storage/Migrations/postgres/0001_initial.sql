-- The PostgreSQL schema: every table of Migrations/sqlite/0001..0005 in one step.
--
-- As there, every scoped table carries account_id and region (a session sees only its own scope),
-- instants are bigint unix milliseconds, and no column defaults to anything: "now" is always a
-- parameter (STYLE.md §3, Time). JSON columns are text holding exactly what the SQLite store keeps
-- (Sqlite/PlanJson.cs, EngagementJson.cs, RotationJson.cs), so both stores share one format.
--
-- Identifiers and names are COLLATE "C": the contract orders them ordinally (alias, name, id),
-- which must not depend on the database's locale. Under a UTF-8 database "C" compares bytes, that
-- is code points, the same order as SQLite's BINARY collation.

CREATE TABLE contacts (
    account_id   text COLLATE "C" NOT NULL,
    region       text COLLATE "C" NOT NULL,
    alias        text COLLATE "C" NOT NULL,
    display_name text,
    kind         text   NOT NULL CHECK (kind IN ('PERSONAL', 'ESCALATION', 'ONCALL_SCHEDULE')),
    plan         text   NOT NULL,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL,
    -- Alias uniqueness across nodes rests on this key. CountContacts counts a range of it.
    PRIMARY KEY (account_id, region, alias)
);

CREATE TABLE channels (
    account_id              text COLLATE "C" NOT NULL,
    region                  text COLLATE "C" NOT NULL,
    id                      text COLLATE "C" NOT NULL,
    contact_alias           text COLLATE "C" NOT NULL,
    name                    text    NOT NULL,
    kind                    text    NOT NULL CHECK (kind IN ('SMS', 'VOICE', 'EMAIL')),
    address                 text COLLATE "C" NOT NULL,
    activated               boolean NOT NULL,
    activation_code_hash    text,
    activation_code_expires bigint,
    -- JSON array of unix milliseconds.
    activation_codes_sent   text    NOT NULL,
    created_at              bigint  NOT NULL,
    PRIMARY KEY (account_id, region, id),
    FOREIGN KEY (account_id, region, contact_alias) REFERENCES contacts (account_id, region, alias) ON DELETE CASCADE
);

-- ListChannels walks one contact's channels in creation order (and the foreign key's lookups).
CREATE INDEX channels_by_contact ON channels (account_id, region, contact_alias, created_at, id);
-- An inbound SMS names only the phone numbers: find the channels, across scopes, behind one.
CREATE INDEX channels_by_address ON channels (kind, address);

CREATE TABLE tags (
    account_id   text COLLATE "C" NOT NULL,
    region       text COLLATE "C" NOT NULL,
    resource_arn text COLLATE "C" NOT NULL,
    key          text COLLATE "C" NOT NULL,
    value        text NOT NULL,
    PRIMARY KEY (account_id, region, resource_arn, key)
);

CREATE TABLE policies (
    account_id    text COLLATE "C" NOT NULL,
    region        text COLLATE "C" NOT NULL,
    contact_alias text COLLATE "C" NOT NULL,
    policy        text   NOT NULL,
    updated_at    bigint NOT NULL,
    PRIMARY KEY (account_id, region, contact_alias),
    FOREIGN KEY (account_id, region, contact_alias) REFERENCES contacts (account_id, region, alias) ON DELETE CASCADE
);

CREATE TABLE idempotency (
    account_id   text COLLATE "C" NOT NULL,
    region       text COLLATE "C" NOT NULL,
    operation    text COLLATE "C" NOT NULL,
    token        text COLLATE "C" NOT NULL,
    request_hash text   NOT NULL,
    response     bytea  NOT NULL,
    created_at   bigint NOT NULL,
    PRIMARY KEY (account_id, region, operation, token)
);

-- Expired records are purged by age within a scope on every put.
CREATE INDEX idempotency_by_age ON idempotency (account_id, region, created_at);

CREATE TABLE outbox (
    -- An identity is never reused, even after the newest message is removed.
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text COLLATE "C" NOT NULL UNIQUE,
    account_id   text COLLATE "C" NOT NULL,
    region       text COLLATE "C" NOT NULL,
    kind         text   NOT NULL,
    channel_type text   NOT NULL,
    address      text   NOT NULL,
    subject      text   NOT NULL,
    body         text   NOT NULL,
    created_at   bigint NOT NULL
);

-- Engagements, their pages and receipts, and the engine's durable work. Nothing here references
-- contacts: DeleteContact leaves an engagement's history readable.

CREATE TABLE engagements (
    account_id     text COLLATE "C" NOT NULL,
    region         text COLLATE "C" NOT NULL,
    id             text COLLATE "C" NOT NULL,
    contact_alias  text COLLATE "C" NOT NULL,
    root_kind      text   NOT NULL CHECK (root_kind IN ('PERSONAL', 'ESCALATION', 'ONCALL_SCHEDULE')),
    sender         text   NOT NULL,
    subject        text   NOT NULL,
    content        text   NOT NULL,
    public_subject text,
    public_content text,
    incident_id    text COLLATE "C",
    start_time     bigint NOT NULL,
    stop_time      bigint,
    stop_reason    text,
    -- The plans in force at the start, as JSON; read on its own (FindSnapshot), TOASTed when large.
    snapshot       text   NOT NULL,
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
    account_id    text COLLATE "C" NOT NULL,
    region        text COLLATE "C" NOT NULL,
    id            text COLLATE "C" NOT NULL,
    engagement_id text COLLATE "C" NOT NULL,
    contact_alias text COLLATE "C" NOT NULL,
    channel_id    text COLLATE "C" NOT NULL,
    -- JSON array of resolution steps, root first.
    resolution    text    NOT NULL,
    essential     boolean NOT NULL,
    created_at    bigint  NOT NULL,
    sent_time     bigint,
    delivery_time bigint,
    read_time     bigint,
    PRIMARY KEY (account_id, region, id)
);

-- ListPages of an engagement (newest first) and UnreadPages.
CREATE INDEX pages_by_engagement ON pages (account_id, region, engagement_id, created_at, id);
-- ListPages of a person.
CREATE INDEX pages_by_contact ON pages (account_id, region, contact_alias, created_at, id);
-- The unread pages of one channel, for matching an SMS reply to its page.
CREATE INDEX pages_by_channel ON pages (account_id, region, channel_id, created_at, id);

CREATE TABLE receipts (
    -- The order receipts were written and the paging key, so it is never reused. Writing sessions
    -- of one scope are serialized (PostgresStore), so within a scope this order is also the
    -- commit order and a reader paging by it never skips a receipt committed later.
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text COLLATE "C" NOT NULL,
    region     text COLLATE "C" NOT NULL,
    page_id    text COLLATE "C" NOT NULL,
    channel_id text COLLATE "C",
    kind       text   NOT NULL CHECK (kind IN ('SENT', 'DELIVERED', 'READ', 'ERROR', 'STOP')),
    info       text,
    time       bigint NOT NULL
);

CREATE INDEX receipts_by_page ON receipts (account_id, region, page_id, seq);

CREATE TABLE acknowledgements (
    account_id    text COLLATE "C" NOT NULL,
    region        text COLLATE "C" NOT NULL,
    engagement_id text COLLATE "C" NOT NULL,
    contact_alias text COLLATE "C" NOT NULL,
    time          bigint NOT NULL,
    PRIMARY KEY (account_id, region, engagement_id, contact_alias)
);

-- Steps are keyed by id alone: the engine claims them across all scopes.
CREATE TABLE steps (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,
    account_id    text COLLATE "C" NOT NULL,
    region        text COLLATE "C" NOT NULL,
    engagement_id text COLLATE "C" NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('SEND_PAGE', 'ENTER_SCHEDULE', 'FINISH')),
    due           bigint  NOT NULL,
    -- The payload; only the members of the step's kind are set.
    page_id       text,
    contact_alias text,
    channel_arn   text,
    attempt       integer NOT NULL,
    -- JSON array of resolution steps, or NULL when the step has none.
    resolution    text,
    essential     boolean NOT NULL,
    done          boolean NOT NULL,
    lease_owner   text,
    lease_until   bigint
);

-- ClaimDueSteps and NextDue: pending steps by (due, id). Partial on NOT done, so completed steps,
-- which only accumulate, cost the claim nothing and leave this index as they complete.
CREATE INDEX steps_pending_by_due ON steps (due, id) WHERE NOT done;
-- CancelSteps and ExtendFinish: one engagement's pending steps.
CREATE INDEX steps_pending_by_engagement ON steps (account_id, region, engagement_id) WHERE NOT done;
-- The engine's next wake-up also looks at leases that are running.
CREATE INDEX steps_leased ON steps (lease_until) WHERE NOT done AND lease_until IS NOT NULL;

CREATE TABLE deliveries (
    account_id          text COLLATE "C" NOT NULL,
    region              text COLLATE "C" NOT NULL,
    key                 text COLLATE "C" NOT NULL,
    page_id             text   NOT NULL,
    status              text   NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'UNKNOWN')),
    provider_message_id text,
    updated_at          bigint NOT NULL,
    PRIMARY KEY (account_id, region, key)
);

-- Store-wide secrets shared by every node (IEngineStore.GetSecret); not scoped.
CREATE TABLE secrets (
    name  text COLLATE "C" NOT NULL PRIMARY KEY,
    value bytea NOT NULL
);

-- Rotations and their overrides (IRotationSession).

CREATE TABLE rotations (
    account_id      text COLLATE "C" NOT NULL,
    region          text COLLATE "C" NOT NULL,
    id              text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    -- JSON array of PERSONAL contact aliases, in shift order.
    contact_aliases text   NOT NULL,
    start_time      bigint NOT NULL,
    -- An IANA id, kept as given.
    time_zone_id    text   NOT NULL,
    created_at      bigint NOT NULL,
    -- Kind, hand-offs, on-calls, multiplier and coverage as JSON.
    recurrence      text   NOT NULL,
    PRIMARY KEY (account_id, region, id)
);

-- ListRotations: by name, then id; a name prefix is a range of this index, the page key (name, id).
CREATE INDEX rotations_by_name ON rotations (account_id, region, name, id);

CREATE TABLE rotation_overrides (
    account_id  text COLLATE "C" NOT NULL,
    region      text COLLATE "C" NOT NULL,
    rotation_id text COLLATE "C" NOT NULL,
    id          text COLLATE "C" NOT NULL,
    -- JSON array of contact aliases; empty means nobody is on call.
    members     text   NOT NULL,
    start_time  bigint NOT NULL,
    end_time    bigint NOT NULL,
    created_at  bigint NOT NULL,
    PRIMARY KEY (account_id, region, rotation_id, id),
    FOREIGN KEY (account_id, region, rotation_id) REFERENCES rotations (account_id, region, id) ON DELETE CASCADE
);

-- ListOverrides: one rotation's overrides in (start, created_at, id) order, the range start < to.
-- end_time rides along so the other half of the overlap test is decided in the index.
CREATE INDEX rotation_overrides_by_start
    ON rotation_overrides (account_id, region, rotation_id, start_time, created_at, id, end_time);
-- CountActiveOverrides: the overrides not ended by now, without walking the ones long past.
CREATE INDEX rotation_overrides_by_end ON rotation_overrides (account_id, region, rotation_id, end_time);

-- Who is in which rotation, for RotationsWithMember (asked on every DeleteContact). One row per
-- alias per source: override_id is '' for the rotation's own members, else the override naming
-- the alias. Kept by the triggers below, in the same transaction as the change; rows are removed
-- by re-reading the old JSON, so every delete is a lookup of the primary key.
CREATE TABLE rotation_members (
    account_id  text COLLATE "C" NOT NULL,
    region      text COLLATE "C" NOT NULL,
    alias       text COLLATE "C" NOT NULL,
    rotation_id text COLLATE "C" NOT NULL,
    override_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, region, alias, rotation_id, override_id)
);

CREATE FUNCTION rotation_members_of_rotation() RETURNS trigger LANGUAGE plpgsql
    -- Bound to the schema the migration ran in, whatever search_path the writing session has.
    SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM rotation_members
        WHERE account_id = OLD.account_id AND region = OLD.region
          AND alias IN (SELECT jsonb_array_elements_text(OLD.contact_aliases::jsonb))
          AND rotation_id = OLD.id AND override_id = '';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rotation_members (account_id, region, alias, rotation_id, override_id)
        SELECT NEW.account_id, NEW.region, member, NEW.id, ''
        FROM jsonb_array_elements_text(NEW.contact_aliases::jsonb) AS member
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER rotation_members_on_insert AFTER INSERT ON rotations
    FOR EACH ROW EXECUTE FUNCTION rotation_members_of_rotation();
CREATE TRIGGER rotation_members_on_update AFTER UPDATE OF account_id, region, id, contact_aliases ON rotations
    FOR EACH ROW EXECUTE FUNCTION rotation_members_of_rotation();
CREATE TRIGGER rotation_members_on_delete AFTER DELETE ON rotations
    FOR EACH ROW EXECUTE FUNCTION rotation_members_of_rotation();

CREATE FUNCTION rotation_members_of_override() RETURNS trigger LANGUAGE plpgsql
    -- Bound to the schema the migration ran in, whatever search_path the writing session has.
    SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM rotation_members
        WHERE account_id = OLD.account_id AND region = OLD.region
          AND alias IN (SELECT jsonb_array_elements_text(OLD.members::jsonb))
          AND rotation_id = OLD.rotation_id AND override_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rotation_members (account_id, region, alias, rotation_id, override_id)
        SELECT NEW.account_id, NEW.region, member, NEW.rotation_id, NEW.id
        FROM jsonb_array_elements_text(NEW.members::jsonb) AS member
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER rotation_override_members_on_insert AFTER INSERT ON rotation_overrides
    FOR EACH ROW EXECUTE FUNCTION rotation_members_of_override();
CREATE TRIGGER rotation_override_members_on_update
    AFTER UPDATE OF account_id, region, rotation_id, id, members ON rotation_overrides
    FOR EACH ROW EXECUTE FUNCTION rotation_members_of_override();
CREATE TRIGGER rotation_override_members_on_delete AFTER DELETE ON rotation_overrides
    FOR EACH ROW EXECUTE FUNCTION rotation_members_of_override();
