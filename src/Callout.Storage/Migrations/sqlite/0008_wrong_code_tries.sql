-- Wrong tries at a code (an activation code, a page's accept code), kept in the store so that a
-- restart or another node does not give a guesser a fresh count (docs/security.md, Codes).
-- code_key names the code: "activation:<hash of the code sent>", "accept:<page id>".
CREATE TABLE wrong_code_tries (
    account_id  TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    code_key    TEXT    NOT NULL,
    tries       INTEGER NOT NULL,
    last_try_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, code_key)
) WITHOUT ROWID;
