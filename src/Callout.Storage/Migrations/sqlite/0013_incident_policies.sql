-- Resource policies of response plans (PutResourcePolicy): stored and returned, never enforced
-- (docs/spec/incidents.md §3). Keyed by account alone, like the plans. Times are unix milliseconds.
CREATE TABLE response_plan_policies (
    account_id   TEXT    NOT NULL,
    plan_name    TEXT    NOT NULL,
    policy_id    TEXT    NOT NULL,
    policy       TEXT    NOT NULL,
    share_region TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, plan_name, policy_id)
) WITHOUT ROWID;
