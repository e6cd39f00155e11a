-- Keys steps_pending_by_engagement by the engagement id alone. Keyed by (account_id, region,
-- engagement_id), it matched the scope conditions that every lookup of one step by its id also
-- carries, and on a table without statistics yet (a new database under load) the planner chose it
-- over the primary key: every completion of a step then read all of its account's pending steps.
-- Engagement ids are unique across scopes, so the scope stays a filter.
DROP INDEX steps_pending_by_engagement;
CREATE INDEX steps_pending_by_engagement ON steps (engagement_id) WHERE NOT done;
