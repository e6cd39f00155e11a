-- The web console's users (docs/console.md, Sign-in and users). name_key is the name in lower
-- case, so a name is unique whatever its case; the name keeps the case it was given. A user has a
-- password hash, an OpenID Connect link (issuer and subject), or both. Times are unix milliseconds.
CREATE TABLE console_users (
    name_key      text COLLATE "C" NOT NULL PRIMARY KEY,
    name          text NOT NULL,
    account_id    text NOT NULL,
    role          text NOT NULL,
    contact_arn   text,
    password_hash text,
    oidc_issuer   text COLLATE "C",
    oidc_subject  text COLLATE "C",
    disabled      boolean NOT NULL,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);

CREATE UNIQUE INDEX console_users_by_oidc ON console_users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- The keys that sign the console's cookies (ASP.NET Core Data Protection's XML elements), kept
-- here so that every node and every restart honours a cookie any node issued.
CREATE TABLE console_keys (
    name     text COLLATE "C" NOT NULL PRIMARY KEY,
    xml      text NOT NULL,
    added_at bigint NOT NULL
);
