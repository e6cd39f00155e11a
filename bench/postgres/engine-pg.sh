#!/usr/bin/env bash
# The engine benchmark of bench/engine/engine.sh on several Callout nodes sharing one PostgreSQL
# schema: one no-op webhook sink (bench/Callout.Bench.Engine in its sink role, unchanged), N
# Callout processes started with --store on a fresh schema and every provider pointed at the sink,
# and bench/postgres/Callout.Bench.Cluster as the driver: people set up through node A,
# engagement i started through node i mod N, the sink's arrivals analysed exactly as the single-node
# benchmark does (its SendAnalysis). After the nodes stop, the schema's delivery records are
# checked against what the sink received, key by key, and the schema is dropped.
#
# Goals: p99 lateness < 200 ms over the window in which every engagement runs; 0 duplicate sends
# (an idempotency key arriving twice); 0 missing sends; and, as on one node, >= 1,000 pages/s.
#
# Environment (all optional):
#   ENGINE_NODES=2  ENGINE_ENGAGEMENTS=10000  ENGINE_PEOPLE=1000  ENGINE_CHANNELS=7
#   ENGINE_RAMP=60  ENGINE_GRACE=30   (as bench/engine/engine.sh)
#   ENGINE_POOL=40  Maximum Pool Size of each node's connection pool. Npgsql's default, 100, lets
#                   two loaded nodes take all 200 connections of the local server (max_connections),
#                   refusing everyone else, this benchmark's own sampler included
#                   (0: leave Npgsql's default)
#   BENCH_PG        Npgsql keywords for the server and role, without Search Path (pglib.sh)
#   BENCH_REV or CALLOUT_SERVER_DLL, CALLOUT_LOG_LEVEL (Warning)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=pglib.sh
source "$here/pglib.sh"
pg_bench_init

export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"
nodes="${ENGINE_NODES:-2}"
secret="engine-bench-$RANDOM$RANDOM"

build_server
bench_build bench/Callout.Bench.Engine
cluster_build
sink_dll="$BENCH_ROOT/bench/Callout.Bench.Engine/bin/Release/net10.0/Callout.Bench.Engine.dll"

bench_noise_before

sink_log="$BENCH_TMP/sink.log"
dotnet "$sink_dll" sink --secret "$secret" >"$sink_log" 2>&1 &
sink_pid=$!
BENCH_PIDS+=("$sink_pid")
sink_url="$(bench_wait_url "$sink_log" "$sink_pid")"

pg_schema_create engine
store="$PG_STORE"
schema="$PG_SCHEMA"
node_name() { local names=(A B C D E F G H I J); echo "${names[$1]}"; }
# Each node names itself in pg_stat_activity ("<schema>/A", ...), which the driver samples.
node_store="$store"
pool="${ENGINE_POOL:-40}"
if [[ "$pool" != 0 ]]; then node_store="$store;Maximum Pool Size=$pool"; fi

# Every channel type pages through the sink (src/Callout.Server/Hosting/DeliveryConfiguration.cs).
node_pids=() node_urls=() node_logs=()
for ((n = 0; n < nodes; n++)); do
  CALLOUT_EMAIL_PROVIDER=webhook CALLOUT_SMS_PROVIDER=webhook CALLOUT_VOICE_PROVIDER=webhook \
    CALLOUT_WEBHOOK_URL="$sink_url/" CALLOUT_WEBHOOK_SECRET="$secret" \
    start_callout --store "$node_store;Application Name=$schema/$(node_name "$n")"
  node_pids+=("$CALLOUT_PID") node_urls+=("$CALLOUT_URL") node_logs+=("$CALLOUT_LOG")
  echo "node $(node_name "$n") at $CALLOUT_URL (pid $CALLOUT_PID)" >&2
done
echo "$nodes nodes on PostgreSQL schema $schema (CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL); sink at $sink_url" >&2

join() { local IFS=,; echo "$*"; }
expect="$BENCH_TMP/expected.txt"
status=0
dotnet "$CLUSTER_DLL" run --nodes "$(join "${node_urls[@]}")" --node-pids "$(join "${node_pids[@]}")" \
  --sink "$sink_url" --sink-pid "$sink_pid" --secret "$secret" \
  --engagements "${ENGINE_ENGAGEMENTS:-10000}" --people "${ENGINE_PEOPLE:-1000}" --channels "${ENGINE_CHANNELS:-7}" \
  --ramp "${ENGINE_RAMP:-60}" --grace "${ENGINE_GRACE:-30}" \
  --clk-tck "$CLK_TCK" --expect "$expect" --store "$store" --activity-tag "$schema" || status=$?
echo "(store: PostgreSQL schema $schema, $nodes nodes, pool $([[ "$pool" == 0 ]] && echo 100 || echo "$pool") per node, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)"

for ((n = 0; n < nodes; n++)); do
  CALLOUT_PID="${node_pids[n]}" CALLOUT_LOG="${node_logs[n]}"
  name="$(node_name "$n")"
  if ! callout_alive; then
    status=1
    continue
  fi
  echo "node $name RSS at the end: $(awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$CALLOUT_PID/status")"
  problems="$(callout_problems)"
  if [[ -n "$problems" ]]; then
    echo "node $name logged warnings or errors during the run (first lines; $(grep -cE '^[^ ]* (warn|fail|crit): ' "$CALLOUT_LOG") in all):"
    echo "$problems"
  fi
done
for pid in "${node_pids[@]}"; do
  bench_stop "$pid"
  bench_forget "$pid"
done
bench_noise_report

# The sink keeps running until the schema has been compared with what it received, key by key.
echo
dotnet "$CLUSTER_DLL" count --store "$store" --sink "$sink_url" || status=1
bench_stop "$sink_pid"
bench_forget "$sink_pid"
exit "$status"
