#!/usr/bin/env bash
# Brings up a PostgreSQL server for the Postgres store tests on 127.0.0.1 and prints the
# connection string for CALLOUT_TEST_PG on stdout (everything else goes to stderr):
#
#   export CALLOUT_TEST_PG="$(bash tests/Callout.Storage.Tests/Postgres/start-postgres.sh)"
#
# Idempotent: installs Debian's postgresql when missing, creates and starts its cluster when it
# is not running, and creates the role and database when they do not exist yet. Runs as root (CI,
# the development machines) and uses the postgres OS user for administration.
set -euo pipefail

role=callout
password=callout
database=callout
port=5432

log() { echo "start-postgres: $*" >&2; }

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)

# The package creates the cluster, unless it was installed with cluster creation turned off.
if ! pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    log "creating cluster $version/main"
    pg_createcluster --port "$port" "$version" main >&2
fi
port=$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')

# Two test classes may run at once, each with a few dozen sessions open (concurrency tests), on
# top of whatever else uses this server: more headroom than the default 100.
connections=$(pg_conftool "$version" main show max_connections 2>/dev/null | awk -F'= *' '{ print $2 }' | tr -d "'" || true)
if [ -z "$connections" ] || [ "$connections" -lt 200 ]; then
    log "setting max_connections = 200"
    pg_conftool "$version" main set max_connections 200
    if pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
        pg_ctlcluster "$version" main restart >&2
    fi
fi

if ! pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
    log "starting cluster $version/main on port $port"
    pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$port"; then
        break
    fi
    sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$port" >&2

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
    log "creating role $role"
    # Superuser: the tests create and drop a schema per test.
    psql_admin -c "CREATE ROLE $role LOGIN SUPERUSER PASSWORD '$password'"
fi

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
    log "creating database $database"
    # UTF-8, whatever the machine's locale: the store needs it (PostgresStore.MigrateAsync).
    psql_admin -c "CREATE DATABASE $database OWNER $role ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
fi

echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"
