-- Wrong tries at a code (an activation code, a page's accept code), kept in the store so that a
-- restart or another node does not give a guesser a fresh count (docs/security.md, Codes).
-- code_key names the code: "activation:<hash of the code sent>", "accept:<page id>".
CREATE TABLE wrong_code_tries (
    account_id  text COLLATE "C" NOT NULL,
    region      text COLLATE "C" NOT NULL,
    code_key    text COLLATE "C" NOT NULL,
    tries       integer NOT NULL,
    last_try_at bigint  NOT NULL,
    PRIMARY KEY (account_id, region, code_key)
);
