-- The web console's users (docs/console.md, Sign-in and users). name_key is the name in lower
-- case, so a name is unique whatever its case; the name keeps the case it was given. A user has a
-- password hash, an OpenID Connect link (issuer and subject), or both. Times are unix milliseconds.
CREATE TABLE console_users (
    name_key      TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    account_id    TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    contact_arn   TEXT,
    password_hash TEXT,
    oidc_issuer   TEXT,
    oidc_subject  TEXT,
    disabled      INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE UNIQUE INDEX console_users_by_oidc ON console_users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- The keys that sign the console's cookies (ASP.NET Core Data Protection's XML elements), kept
-- here so that every node and every restart honours a cookie any node issued.
CREATE TABLE console_keys (
    name     TEXT NOT NULL PRIMARY KEY,
    xml      TEXT NOT NULL,
    added_at INTEGER NOT NULL
) WITHOUT ROWID;
