-- Indexes for the retention purge (docs/operations.md, "Retention"). Each lets a purge batch find
-- the oldest finished rows, and their parts, without walking the rows it keeps; a purge that finds
-- nothing old reads one index entry per table.

-- Stopped engagements, oldest stop first. Running ones (stop_time NULL) are never purged.
CREATE INDEX engagements_stopped ON engagements (stop_time) WHERE stop_time IS NOT NULL;
-- Every step of an engagement, done or not: the purge deletes them all, and asks first whether
-- any is pending (steps_pending_by_engagement holds only those).
CREATE INDEX steps_by_engagement ON steps (account_id, region, engagement_id);
-- The delivery records of a page, deleted with it.
CREATE INDEX deliveries_by_page ON deliveries (account_id, region, page_id);
-- Resolved incidents, oldest resolution first. Open ones are never purged.
CREATE INDEX incidents_resolved ON incidents (resolved_at) WHERE status = 'RESOLVED';
CREATE INDEX outbox_by_created_at ON outbox (created_at);
CREATE INDEX wrong_code_tries_by_last_try ON wrong_code_tries (last_try_at);
-- idempotency_by_age leads with the scope, for the purge of one scope on every put; this one
-- serves the purge across all scopes.
CREATE INDEX idempotency_by_created_at ON idempotency (created_at);
