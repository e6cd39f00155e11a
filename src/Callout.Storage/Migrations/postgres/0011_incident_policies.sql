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
