# shellcheck shell=bash
# PostgreSQL helpers for the bench/postgres scripts, with bench/lib.sh; sourced, not run.
# shellcheck disable=SC2034
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# The server and role to benchmark on, as Npgsql keywords (no Search Path: each run makes its own
# schema, bench_<what>_<random>, and drops it afterwards). Local PostgreSQL 15 by default
# (tests/Callout.Storage.Tests/Postgres/start-postgres.sh sets one up).
BENCH_PG="${BENCH_PG:-Host=127.0.0.1;Port=5432;Username=callout;Password=callout;Database=callout}"
CLUSTER_DLL="$BENCH_ROOT/bench/postgres/Callout.Bench.Cluster/bin/Release/net10.0/Callout.Bench.Cluster.dll"
PG_SCHEMAS=()

# Builds bench/postgres/Callout.Bench.Cluster (the two-node engine driver and the SQL helper).
cluster_build() {
  bench_build bench/postgres/Callout.Bench.Cluster
}

# pg_sql STORE SQL: runs one statement on STORE (a connection string); prints rows tab-separated.
pg_sql() {
  dotnet "$CLUSTER_DLL" sql --store "$1" --sql "$2"
}

# pg_schema_create WHAT: creates a fresh schema bench_WHAT_<time>_<random>; sets PG_SCHEMA to its
# name and PG_STORE to the connection string that reaches it (Search Path); pg_cleanup drops it.
# Not to be called in $(...): the schema would be forgotten with the subshell. Fails early, with
# the error, if the server does not answer.
pg_schema_create() {
  PG_SCHEMA="bench_${1}_$(date +%s)_$RANDOM"
  pg_sql "$BENCH_PG" "CREATE SCHEMA $PG_SCHEMA" >/dev/null || {
    echo "could not create schema $PG_SCHEMA on ${BENCH_PG%%;Password=*} (is PostgreSQL running? bash tests/Callout.Storage.Tests/Postgres/start-postgres.sh)" >&2
    return 1
  }
  PG_SCHEMAS+=("$PG_SCHEMA")
  PG_STORE="$BENCH_PG;Search Path=$PG_SCHEMA"
}

# Drops the schemas this script created; run after the servers using them have stopped.
pg_cleanup() {
  local s
  for s in "${PG_SCHEMAS[@]:-}"; do
    if [[ -n "$s" ]]; then pg_sql "$BENCH_PG" "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true; fi
  done
  PG_SCHEMAS=()
  return 0
}

# CPU time (user + system, clock ticks) used so far by every process named "postgres": the
# server's backends and helpers, plus what its exited children used (cutime + cstime, which the
# postmaster collects when a backend ends; a benchmark's backends end with its server). Another
# user of the same server is counted too.
pg_cpu_ticks() {
  local f sum=0 line
  for f in /proc/[0-9]*/stat; do
    line="$(cat "$f" 2>/dev/null)" || continue
    [[ "$line" == *"(postgres) "* ]] || continue
    # Fields after the ")" closing the name: utime 12th, stime 13th, cutime 14th, cstime 15th.
    sum=$((sum + $(awk '{ print $12 + $13 + $14 + $15 }' <<<"${line##*) }")))
  done
  echo "$sum"
}

# The start of every bench/postgres script: bench_init, and on exit the servers stopped and then
# the schemas dropped.
pg_bench_init() {
  bench_init
  trap 'bench_cleanup; pg_cleanup' EXIT
}
