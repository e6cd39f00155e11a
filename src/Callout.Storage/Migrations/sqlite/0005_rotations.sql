-- Rotations and their overrides (IRotationSession). As in 0001, every table carries account_id and
-- region, instants are INTEGER unix milliseconds and "now" is always a parameter. JSON columns are
-- our own storage format (Sqlite/RotationJson.cs).

CREATE TABLE rotations (
    account_id      TEXT    NOT NULL,
    region          TEXT    NOT NULL,
    id              TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    -- JSON array of PERSONAL contact aliases, in shift order.
    contact_aliases TEXT    NOT NULL,
    start_time      INTEGER NOT NULL,
    -- An IANA id, kept as given.
    time_zone_id    TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    -- Kind, hand-offs, on-calls, multiplier and coverage as JSON. Last, so reading the other
    -- columns never walks its overflow pages.
    recurrence      TEXT    NOT NULL,
    PRIMARY KEY (account_id, region, id)
);

-- ListRotations: by name, then id; a name prefix is a range of this index, the page key (name, id).
CREATE INDEX rotations_by_name ON rotations (account_id, region, name, id);

CREATE TABLE rotation_overrides (
    account_id  TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    rotation_id TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    -- JSON array of contact aliases; empty means nobody is on call.
    members     TEXT    NOT NULL,
    start_time  INTEGER NOT NULL,
    end_time    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
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
    account_id  TEXT NOT NULL,
    region      TEXT NOT NULL,
    alias       TEXT NOT NULL,
    rotation_id TEXT NOT NULL,
    override_id TEXT NOT NULL,
    PRIMARY KEY (account_id, region, alias, rotation_id, override_id)
) WITHOUT ROWID;

CREATE TRIGGER rotation_members_on_insert AFTER INSERT ON rotations
BEGIN
    INSERT OR IGNORE INTO rotation_members (account_id, region, alias, rotation_id, override_id)
    SELECT NEW.account_id, NEW.region, value, NEW.id, '' FROM json_each(NEW.contact_aliases);
END;

CREATE TRIGGER rotation_members_on_update AFTER UPDATE OF account_id, region, id, contact_aliases ON rotations
BEGIN
    DELETE FROM rotation_members
    WHERE account_id = OLD.account_id AND region = OLD.region
      AND alias IN (SELECT value FROM json_each(OLD.contact_aliases))
      AND rotation_id = OLD.id AND override_id = '';
    INSERT OR IGNORE INTO rotation_members (account_id, region, alias, rotation_id, override_id)
    SELECT NEW.account_id, NEW.region, value, NEW.id, '' FROM json_each(NEW.contact_aliases);
END;

CREATE TRIGGER rotation_members_on_delete AFTER DELETE ON rotations
BEGIN
    DELETE FROM rotation_members
    WHERE account_id = OLD.account_id AND region = OLD.region
      AND alias IN (SELECT value FROM json_each(OLD.contact_aliases))
      AND rotation_id = OLD.id AND override_id = '';
END;

CREATE TRIGGER rotation_override_members_on_insert AFTER INSERT ON rotation_overrides
BEGIN
    INSERT OR IGNORE INTO rotation_members (account_id, region, alias, rotation_id, override_id)
    SELECT NEW.account_id, NEW.region, value, NEW.rotation_id, NEW.id FROM json_each(NEW.members);
END;

CREATE TRIGGER rotation_override_members_on_update
    AFTER UPDATE OF account_id, region, rotation_id, id, members ON rotation_overrides
BEGIN
    DELETE FROM rotation_members
    WHERE account_id = OLD.account_id AND region = OLD.region
      AND alias IN (SELECT value FROM json_each(OLD.members))
      AND rotation_id = OLD.rotation_id AND override_id = OLD.id;
    INSERT OR IGNORE INTO rotation_members (account_id, region, alias, rotation_id, override_id)
    SELECT NEW.account_id, NEW.region, value, NEW.rotation_id, NEW.id FROM json_each(NEW.members);
END;

CREATE TRIGGER rotation_override_members_on_delete AFTER DELETE ON rotation_overrides
BEGIN
    DELETE FROM rotation_members
    WHERE account_id = OLD.account_id AND region = OLD.region
      AND alias IN (SELECT value FROM json_each(OLD.members))
      AND rotation_id = OLD.rotation_id AND override_id = OLD.id;
END;
