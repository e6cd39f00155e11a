#!/usr/bin/env bash
# Alert storm on one node: STORM_ALERTS generic alerts posted to one alert source over
# STORM_SECONDS, their keys taken in turn from STORM_KEYS (every key repeated; a fraction
# STORM_PAIRS sent as two identical requests at once, as an HA pair of senders does). The plan
# engages STORM_CONTACTS people, each paged on STORM_CHANNELS channels through the engine
# benchmark's sink (a local no-op webhook provider that notes when each page arrived).
#
# Goals: exactly STORM_KEYS incidents, STORM_KEYS x STORM_CONTACTS engagements, no page sent twice,
# and a key's first page at the sink p99 < 100 ms after its first alert was sent. Intake answer
# times, alerts/s and Callout's CPU per alert are reported (bench/README.md, "Alert storm").
#
# Environment (all optional):
#   STORM_ALERTS=10000 STORM_KEYS=100 STORM_SECONDS=60 (0: as fast as the connections allow)
#   STORM_CONTACTS=2 STORM_CHANNELS=1 STORM_PAIRS=0.2 STORM_CONNECTIONS=64 STORM_GRACE=15
#   STORM_WARMUPS=100 keys each node takes (trigger, repeat, resolve) before the storm; 0 measures
#     a freshly started process, JIT and all
#   BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>: which server to measure (bench/lib.sh, build_server)
#   CALLOUT_LOG_LEVEL  defaults to Warning (no per-request log line)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"
secret="storm-bench-$RANDOM$RANDOM"

build_server
bench_build bench/Callout.Bench.Engine
bench_build bench/Callout.Bench.Alerts
sink_dll="$BENCH_ROOT/bench/Callout.Bench.Engine/bin/Release/net10.0/Callout.Bench.Engine.dll"
storm_dll="$BENCH_ROOT/bench/Callout.Bench.Alerts/bin/Release/net10.0/Callout.Bench.Alerts.dll"

bench_noise_before

sink_log="$BENCH_TMP/sink.log"
dotnet "$sink_dll" sink --secret "$secret" >"$sink_log" 2>&1 &
sink_pid=$!
BENCH_PIDS+=("$sink_pid")
sink_url="$(bench_wait_url "$sink_log" "$sink_pid")"

CALLOUT_EMAIL_PROVIDER=webhook CALLOUT_SMS_PROVIDER=webhook CALLOUT_VOICE_PROVIDER=webhook \
  CALLOUT_WEBHOOK_URL="$sink_url/" CALLOUT_WEBHOOK_SECRET="$secret" \
  start_callout --data-dir "$BENCH_TMP/data"
echo "Callout at $CALLOUT_URL (file store, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL); sink at $sink_url" >&2

status=0
dotnet "$storm_dll" run --url "$CALLOUT_URL" --sink "$sink_url" \
  --alerts "${STORM_ALERTS:-10000}" --keys "${STORM_KEYS:-100}" --seconds "${STORM_SECONDS:-60}" \
  --contacts "${STORM_CONTACTS:-2}" --channels "${STORM_CHANNELS:-1}" --pairs "${STORM_PAIRS:-0.2}" \
  --connections "${STORM_CONNECTIONS:-64}" --grace "${STORM_GRACE:-15}" --warm-ups "${STORM_WARMUPS:-100}" \
  --callout-pids "$CALLOUT_PID" --clk-tck "$CLK_TCK" || status=$?

callout_alive || exit 1
problems="$(callout_problems)"
if [[ -n "$problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$problems"
fi
stop_callout
bench_stop "$sink_pid"
bench_forget "$sink_pid"
bench_noise_report
exit "$status"
