-- The ids of signed webhook acknowledgements seen lately, so a replay inside the signature's
-- five-minute window does nothing twice; store-wide, as a receiver's ids are not scoped. Rows are
-- forgotten after forget_at (unix milliseconds, real time).
CREATE TABLE webhook_ids (
    id        text COLLATE "C" NOT NULL PRIMARY KEY,
    forget_at bigint NOT NULL
);

CREATE INDEX webhook_ids_by_forget_at ON webhook_ids (forget_at);

-- Calendar feeds: a secret token per feed gives access to one rotation's or one contact's shifts.
-- Only the SHA-256 of the token is kept, so reading the database does not reveal live feed URLs;
-- a fetch finds its feed (and so its scope) by that hash alone.
CREATE TABLE calendar_feeds (
    account_id  text COLLATE "C" NOT NULL,
    region      text COLLATE "C" NOT NULL,
    id          text COLLATE "C" NOT NULL,
    token_hash  bytea  NOT NULL UNIQUE,
    target_kind text   NOT NULL CHECK (target_kind IN ('ROTATION', 'CONTACT')),
    target_id   text COLLATE "C" NOT NULL,
    created_at  bigint NOT NULL
);

-- ListCalendarFeeds walks a scope's feeds in creation order.
CREATE INDEX calendar_feeds_by_creation ON calendar_feeds (account_id, region, created_at, id);
-- The primary key comes after that index, so a lookup of one feed takes it on a new database
-- (0004_primary_keys_last.sql).
ALTER TABLE calendar_feeds ADD CONSTRAINT calendar_feeds_pkey PRIMARY KEY (account_id, region, id);
