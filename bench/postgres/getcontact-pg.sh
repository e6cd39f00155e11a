#!/usr/bin/env bash
# bench/wrk/getcontact.sh with Callout on PostgreSQL: makes a fresh schema, runs that script
# unchanged with CALLOUT_STORE pointing at the schema (the server reads CALLOUT_STORE like
# --store, and ignores --data-dir then), and drops the schema. Its output is getcontact.sh's; the
# lines there that say "store: file" mean "not --in-memory" (the store is PostgreSQL), and the
# BareEndpoint baseline is the same as ever. Then PostgreSQL's CPU over the whole script.
#
# Environment: everything getcontact.sh takes (WRK_*, BENCH_REV, CALLOUT_SERVER_DLL, ...), and
#   BENCH_PG  Npgsql keywords for the server and role, without Search Path (bench/postgres/pglib.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=pglib.sh
source "$here/pglib.sh"
pg_bench_init

build_server
export CALLOUT_SERVER_DLL="$SERVER_DLL"
cluster_build
pg_schema_create getcontact
store="$PG_STORE"
echo "GetContact on PostgreSQL: schema $PG_SCHEMA on ${BENCH_PG%%;Password=*}..." >&2

pg_before="$(pg_cpu_ticks)"
t0="$(now_ms)"
status=0
CALLOUT_STORE="$store" "$BENCH_ROOT/bench/wrk/getcontact.sh" || status=$?
pg_after="$(pg_cpu_ticks)"
t1="$(now_ms)"
echo "(store: PostgreSQL, schema $PG_SCHEMA)"
awk -v t="$((pg_after - pg_before))" -v hz="$CLK_TCK" -v ms="$((t1 - t0))" \
  'BEGIN { printf "PostgreSQL CPU over the whole script (set-up, warm-up, measured run, BareEndpoint): %.1f s in %.0f s, %.2f CPUs on average (every process named postgres)\n", t / hz, ms / 1000, t / hz / (ms / 1000) }'
exit "$status"
