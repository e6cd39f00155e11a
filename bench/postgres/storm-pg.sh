#!/usr/bin/env bash
# The alert storm of bench/alerts/storm.sh on several Callout nodes sharing one PostgreSQL schema:
# alert i goes to node i mod N, and the two copies of a pair go to two different nodes at once, as
# an HA pair of Alertmanagers sends them. Same goals: exactly one incident per key, one engagement
# per key and contact, no page sent twice, first page p99 < 100 ms after the key's first alert.
#
# Environment (all optional): STORM_NODES=2, the STORM_* settings of bench/alerts/storm.sh,
#   ENGINE_POOL=40 (each node's Maximum Pool Size, as bench/postgres/engine-pg.sh), BENCH_PG,
#   BENCH_REV or CALLOUT_SERVER_DLL, CALLOUT_LOG_LEVEL (Warning)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=pglib.sh
source "$here/pglib.sh"
pg_bench_init

export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"
nodes="${STORM_NODES:-2}"
secret="storm-bench-$RANDOM$RANDOM"

build_server
bench_build bench/Callout.Bench.Engine
bench_build bench/Callout.Bench.Alerts
cluster_build
sink_dll="$BENCH_ROOT/bench/Callout.Bench.Engine/bin/Release/net10.0/Callout.Bench.Engine.dll"
storm_dll="$BENCH_ROOT/bench/Callout.Bench.Alerts/bin/Release/net10.0/Callout.Bench.Alerts.dll"

bench_noise_before

sink_log="$BENCH_TMP/sink.log"
dotnet "$sink_dll" sink --secret "$secret" >"$sink_log" 2>&1 &
sink_pid=$!
BENCH_PIDS+=("$sink_pid")
sink_url="$(bench_wait_url "$sink_log" "$sink_pid")"

pg_schema_create storm
node_store="$PG_STORE"
pool="${ENGINE_POOL:-40}"
if [[ "$pool" != 0 ]]; then node_store="$PG_STORE;Maximum Pool Size=$pool"; fi

node_pids=() node_urls=() node_logs=()
for ((n = 0; n < nodes; n++)); do
  CALLOUT_EMAIL_PROVIDER=webhook CALLOUT_SMS_PROVIDER=webhook CALLOUT_VOICE_PROVIDER=webhook \
    CALLOUT_WEBHOOK_URL="$sink_url/" CALLOUT_WEBHOOK_SECRET="$secret" \
    start_callout --store "$node_store" --node-name "storm-$n"
  node_pids+=("$CALLOUT_PID") node_urls+=("$CALLOUT_URL") node_logs+=("$CALLOUT_LOG")
  echo "node $n at $CALLOUT_URL (pid $CALLOUT_PID)" >&2
done
echo "$nodes nodes on PostgreSQL schema $PG_SCHEMA (CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL); sink at $sink_url" >&2

join() { local IFS=,; echo "$*"; }
status=0
dotnet "$storm_dll" run --url "$(join "${node_urls[@]}")" --sink "$sink_url" \
  --alerts "${STORM_ALERTS:-10000}" --keys "${STORM_KEYS:-100}" --seconds "${STORM_SECONDS:-60}" \
  --contacts "${STORM_CONTACTS:-2}" --channels "${STORM_CHANNELS:-1}" --pairs "${STORM_PAIRS:-0.2}" \
  --connections "${STORM_CONNECTIONS:-64}" --grace "${STORM_GRACE:-15}" --warm-ups "${STORM_WARMUPS:-100}" \
  --callout-pids "$(join "${node_pids[@]}")" --clk-tck "$CLK_TCK" || status=$?
echo "(store: PostgreSQL schema $PG_SCHEMA, $nodes nodes, pool $([[ "$pool" == 0 ]] && echo 100 || echo "$pool") per node)"

for ((n = 0; n < nodes; n++)); do
  CALLOUT_PID="${node_pids[n]}" CALLOUT_LOG="${node_logs[n]}"
  if ! callout_alive; then
    status=1
    continue
  fi
  problems="$(callout_problems)"
  if [[ -n "$problems" ]]; then
    echo "node $n logged warnings or errors during the run (first lines):"
    echo "$problems"
  fi
done
for pid in "${node_pids[@]}"; do
  bench_stop "$pid"
  bench_forget "$pid"
done
bench_stop "$sink_pid"
bench_forget "$sink_pid"
bench_noise_report
exit "$status"
