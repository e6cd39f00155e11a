#!/usr/bin/env bash
# bench/writes/writes.sh with Callout on PostgreSQL: the same load generator
# (bench/Callout.Bench.Writes, unchanged) against a server started with --store on a fresh schema;
# then, with the server stopped, the `contacts` and `tags` rows in that schema are compared with
# the writes the server acknowledged, and the schema is dropped. Also printed: Callout's and
# PostgreSQL's CPU over the client's run (its three phases and their warm-ups), and what the
# server's PostgreSQL sessions were doing during the two write phases (pg_stat_activity, once a
# second: running, waiting for the scope's advisory lock, idle in a transaction, ...).
#
# Goal (as on SQLite): >= 5,000 writes/s for each of CreateContact and TagResource.
#
# Environment (all optional): WRITES_WORKERS (16), WRITES_SECONDS (10), WRITES_WARMUP (2),
#   WRITES_TAG_CONTACTS, BENCH_REV / CALLOUT_SERVER_DLL, CALLOUT_LOG_LEVEL, as writes.sh; and
#   BENCH_PG  Npgsql keywords for the server and role, without Search Path (bench/postgres/pglib.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=pglib.sh
source "$here/pglib.sh"
pg_bench_init

workers="${WRITES_WORKERS:-16}"
seconds="${WRITES_SECONDS:-10}"
warmup="${WRITES_WARMUP:-2}"
export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"

build_server
bench_build bench/Callout.Bench.Writes
cluster_build
client_dll="$BENCH_ROOT/bench/Callout.Bench.Writes/bin/Release/net10.0/Callout.Bench.Writes.dll"

bench_noise_before
pg_schema_create writes
store="$PG_STORE"
schema="$PG_SCHEMA"
# The server names itself in pg_stat_activity, where a sampler looks during the two write phases.
start_callout --store "$store;Application Name=$schema/writes"
echo "Callout at $CALLOUT_URL (store: PostgreSQL schema $schema, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)" >&2

expect="$BENCH_TMP/expected-rows.txt"
status=0
pg_before="$(pg_cpu_ticks)"
callout_before="$(cpu_ticks "$CALLOUT_PID")"
t0="$(now_ms)"
activity="$BENCH_TMP/activity.txt"
dotnet "$CLUSTER_DLL" activity --store "$BENCH_PG" --activity-tag "$schema" --delay "$((warmup + seconds))" \
  --seconds "$((2 * (warmup + seconds)))" --over "during CreateContact and TagResource (warm-ups included)" >"$activity" 2>&1 &
activity_pid=$!
BENCH_PIDS+=("$activity_pid")
dotnet "$client_dll" run --url "$CALLOUT_URL" --workers "$workers" --seconds "$seconds" --warmup "$warmup" --expect "$expect" \
  --tag-contacts "${WRITES_TAG_CONTACTS:-0}" || status=$?
t1="$(now_ms)"
callout_after="$(cpu_ticks "$CALLOUT_PID")" || callout_after="$callout_before"
pg_after="$(pg_cpu_ticks)"
echo "(store: PostgreSQL schema $schema, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)"
wait "$activity_pid" || true
bench_forget "$activity_pid"
cat "$activity"
awk -v c="$((callout_after - callout_before))" -v p="$((pg_after - pg_before))" -v hz="$CLK_TCK" -v ms="$((t1 - t0))" \
  'BEGIN { s = ms / 1000; printf "CPU over the client run (%.0f s, warm-ups and /health included): Callout %.1f s (%.2f CPUs), PostgreSQL %.1f s (%.2f CPUs, every process named postgres)\n", s, c / hz, c / hz / s, p / hz, p / hz / s }'

callout_alive || exit 1
problems="$(callout_problems)"
if [[ -n "$problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$problems"
fi
stop_callout
bench_noise_report

if [[ -f "$expect" ]]; then
  echo
  echo "== Rows in PostgreSQL schema $schema after the server stopped"
  size="$(pg_sql "$store" "SELECT pg_size_pretty(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)))) FROM pg_tables WHERE schemaname = current_schema()")"
  echo "schema size (tables with indexes): $size"
  while IFS='=' read -r table want; do
    [[ -n "$table" ]] || continue
    rows="$(pg_sql "$store" "SELECT count(*) FROM $table")"
    verdict="all stored"
    [[ "$rows" == "$want" ]] || { verdict=MISMATCH; status=1; }
    printf '%-10s %9s rows, %9s acknowledged by the server: %s\n' "$table" "$rows" "$want" "$verdict"
  done <"$expect"
fi
exit "$status"
