-- An inbound SMS names only the phone numbers: find the channels, across scopes, behind one.
CREATE INDEX channels_by_address ON channels (kind, address);

-- The unread pages of one channel, for matching an SMS reply to its page.
CREATE INDEX pages_by_channel ON pages (account_id, region, channel_id, created_at, id);

-- The engine's next wake-up also looks at leases that are running.
CREATE INDEX steps_leased ON steps (lease_until) WHERE done = 0 AND lease_until IS NOT NULL;
