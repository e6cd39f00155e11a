-- CreateContact checks the per-account quota on every call. A count kept by triggers, in the same
-- transaction as the change, answers that with one row instead of scanning up to
-- ServiceLimits.ContactsPerAccount rows while holding the write lock.
CREATE TABLE contact_counts (
    account_id TEXT    NOT NULL,
    region     TEXT    NOT NULL,
    contacts   INTEGER NOT NULL,
    PRIMARY KEY (account_id, region)
) WITHOUT ROWID;

INSERT INTO contact_counts (account_id, region, contacts)
SELECT account_id, region, count(*) FROM contacts GROUP BY account_id, region;

CREATE TRIGGER contacts_counted_on_insert AFTER INSERT ON contacts
BEGIN
    INSERT INTO contact_counts (account_id, region, contacts) VALUES (NEW.account_id, NEW.region, 1)
    ON CONFLICT (account_id, region) DO UPDATE SET contacts = contacts + 1;
END;

CREATE TRIGGER contacts_counted_on_delete AFTER DELETE ON contacts
BEGIN
    UPDATE contact_counts SET contacts = contacts - 1
    WHERE account_id = OLD.account_id AND region = OLD.region;
END;
