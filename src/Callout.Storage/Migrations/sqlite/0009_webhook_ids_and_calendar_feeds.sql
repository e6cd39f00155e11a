-- The ids of signed webhook acknowledgements seen lately, so a replay inside the signature's
-- five-minute window does nothing twice; store-wide, as a receiver's ids are not scoped. Rows are
-- forgotten after forget_at (unix milliseconds, real time).
CREATE TABLE webhook_ids (
    id        TEXT    NOT NULL PRIMARY KEY,
    forget_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX webhook_ids_by_forget_at ON webhook_ids (forget_at);

-- Calendar feeds: a secret token per feed gives access to one rotation's or one contact's shifts.
-- Only the SHA-256 of the token is kept, so reading the database does not reveal live feed URLs;
-- a fetch finds its feed (and so its scope) by that hash alone.
CREATE TABLE calendar_feeds (
    account_id  TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    token_hash  BLOB    NOT NULL UNIQUE,
    target_kind TEXT    NOT NULL CHECK (target_kind IN ('ROTATION', 'CONTACT')),
    target_id   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, id)
) WITHOUT ROWID;

-- ListCalendarFeeds walks a scope's feeds in creation order.
CREATE INDEX calendar_feeds_by_creation ON calendar_feeds (account_id, region, created_at, id);
