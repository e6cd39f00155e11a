-- Resource policies of response plans (PutResourcePolicy): stored and returned, never enforced
-- (docs/spec/incidents.md §3). Keyed by account alone, like the plans. Times are unix milliseconds.
CREATE TABLE response_plan_policies (
    account_id   text COLLATE "C" NOT NULL,
    plan_name    text COLLATE "C" NOT NULL,
    policy_id    text COLLATE "C" NOT NULL,
    policy       text NOT NULL,
    share_region text NOT NULL,
    created_at   bigint NOT NULL,
    PRIMARY KEY (account_id, plan_name, policy_id)
);

-- Tags of ssm-incidents resources (ARNs with no region) are now kept under the empty region, so
-- every region of the account sees them (docs/decisions.md, Incident tags). Tags written earlier
-- under the caller's region move there; should one key have been written from two regions, the
-- value of the region first in sort order moves (MIN picks one row per key; '' sorts before any
-- region, so a key already kept account-wide stays as it is).
UPDATE tags SET region = ''
WHERE resource_arn LIKE 'arn:%:ssm-incidents::%'
  AND region <> ''
  AND region = (SELECT MIN(t.region) FROM tags t
                WHERE t.account_id = tags.account_id AND t.resource_arn = tags.resource_arn AND t.key = tags.key);
