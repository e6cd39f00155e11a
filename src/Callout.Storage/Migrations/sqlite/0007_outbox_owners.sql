-- Whom each outbox message is for (GET /_callout/outbox): the contact and channel of every
-- message, and the page and engagement of a page. Nullable, so messages stored before keep their
-- rows and are listed without them.
ALTER TABLE outbox ADD COLUMN contact_arn TEXT;
ALTER TABLE outbox ADD COLUMN channel_arn TEXT;
ALTER TABLE outbox ADD COLUMN page_arn TEXT;
ALTER TABLE outbox ADD COLUMN engagement_arn TEXT;
