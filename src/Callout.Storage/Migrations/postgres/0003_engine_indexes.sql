-- Indexes for the engine under load. Secondary indexes lead with the column they look up (engagement, channel, person), not with the
-- scope. Led by (account_id, region), each also matched the scope conditions that every lookup of
-- one row by its primary key carries, and on tables without statistics yet (a new database under
-- load) the planner often chose one of them over the primary key: a lookup of one page, channel or
-- step then read every index entry of its account. Engagement and channel ids are unique across
-- scopes, so the scope stays a filter there; aliases are not, so the scope follows the alias.
DROP INDEX steps_pending_by_engagement;
CREATE INDEX steps_pending_by_engagement ON steps (engagement_id) WHERE NOT done;

DROP INDEX pages_by_engagement;
CREATE INDEX pages_by_engagement ON pages (engagement_id, created_at, id);
DROP INDEX pages_by_contact;
CREATE INDEX pages_by_contact ON pages (contact_alias, account_id, region, created_at, id);
DROP INDEX pages_by_channel;
CREATE INDEX pages_by_channel ON pages (channel_id, created_at, id);

DROP INDEX channels_by_contact;
CREATE INDEX channels_by_contact ON channels (contact_alias, account_id, region, created_at, id);

-- The steps never claimed, in the order claims take them; NextDue's earliest is the first entry.
-- Through steps_pending_by_due a claim or NextDue had to pass every step being run (leased) and
-- every recently finished one, each a heap visit, and the engine claims and asks after every
-- batch it runs.
CREATE INDEX steps_unleased_by_due ON steps (due, id) WHERE NOT done AND lease_until IS NULL;

-- And its earliest lease to run out, the first entry of this one. A bitmap scan of the old
-- steps_leased (lease_until) read the heap page of every step that had ever been leased and was
-- not yet vacuumed away.
DROP INDEX steps_leased;
CREATE INDEX steps_leased ON steps ((greatest(due, lease_until))) WHERE NOT done AND lease_until IS NOT NULL;

-- Claims and NextDue read the two indexes above; nothing reads this one any more, and every claim
-- of a step wrote an entry to it.
DROP INDEX steps_pending_by_due;
