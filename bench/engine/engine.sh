#!/usr/bin/env bash
# Engine throughput and lateness: N concurrent engagements on the SQLite file store, every page
# sent as a signed webhook POST to a local no-op provider (the "sink", bench/Callout.Bench.Engine),
# which notes when each page arrived. Lateness = arrival at the sink - due time (engagement
# StartTime + attempt minutes). The same-run baseline is the sink's POST/s from the bench process
# alone. After the server stops, the delivery records in callout.db are checked against what the
# sink received (bench/README.md).
#
# Goals: >= 1,000 pages/s sustained while all engagements run, with p99 lateness < 100 ms.
#
# Environment (all optional):
#   ENGINE_ENGAGEMENTS=10000  ENGINE_PEOPLE=1000 (each engaged ENGAGEMENTS/PEOPLE times)
#   ENGINE_CHANNELS=7 (channel targets per person, 1-10; 10,000 x 7 / 60 s = 1,167 sends/s)
#   ENGINE_RAMP=60 (seconds the starts are spread over; 60 makes the load steady, see README)
#   ENGINE_GRACE=30 (seconds past the last due send to wait before counting sends as missing)
#   ENGINE_KEEP_DATA=DIR  copy the data directory (callout.db) there after the run, to inspect it
#   BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>: which server to measure (bench/lib.sh, build_server)
#   CALLOUT_LOG_LEVEL  defaults to Warning (no per-request log line)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"
secret="engine-bench-$RANDOM$RANDOM"

build_server
bench_build bench/Callout.Bench.Engine
bench_dll="$BENCH_ROOT/bench/Callout.Bench.Engine/bin/Release/net10.0/Callout.Bench.Engine.dll"

bench_noise_before

sink_log="$BENCH_TMP/sink.log"
dotnet "$bench_dll" sink --secret "$secret" >"$sink_log" 2>&1 &
sink_pid=$!
BENCH_PIDS+=("$sink_pid")
sink_url="$(bench_wait_url "$sink_log" "$sink_pid")"

# Every channel type pages through the sink (src/Callout.Server/Hosting/DeliveryConfiguration.cs).
data_dir="$BENCH_TMP/data"
CALLOUT_EMAIL_PROVIDER=webhook CALLOUT_SMS_PROVIDER=webhook CALLOUT_VOICE_PROVIDER=webhook \
  CALLOUT_WEBHOOK_URL="$sink_url/" CALLOUT_WEBHOOK_SECRET="$secret" \
  start_callout --data-dir "$data_dir"
echo "Callout at $CALLOUT_URL (file store, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL); sink at $sink_url" >&2

expect="$BENCH_TMP/expected.txt"
status=0
dotnet "$bench_dll" run --url "$CALLOUT_URL" --sink "$sink_url" --secret "$secret" \
  --engagements "${ENGINE_ENGAGEMENTS:-10000}" --people "${ENGINE_PEOPLE:-1000}" --channels "${ENGINE_CHANNELS:-7}" \
  --ramp "${ENGINE_RAMP:-60}" --grace "${ENGINE_GRACE:-30}" \
  --callout-pid "$CALLOUT_PID" --sink-pid "$sink_pid" --clk-tck "$CLK_TCK" --expect "$expect" --db "$data_dir/callout.db" || status=$?
echo "(store: file, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)"

callout_alive || exit 1
echo "Callout RSS at the end: $(awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$CALLOUT_PID/status")"
problems="$(callout_problems)"
if [[ -n "$problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$problems"
fi
stop_callout
bench_stop "$sink_pid"
bench_forget "$sink_pid"
bench_noise_report

if [[ -f "$expect" ]]; then
  echo
  find "$data_dir" -maxdepth 1 -type f -printf '  %-20f %12s bytes\n' | sort
  dotnet "$bench_dll" count --db "$data_dir/callout.db" --expect "$expect" || status=1
fi
if [[ -n "${ENGINE_KEEP_DATA:-}" ]]; then
  mkdir -p "$ENGINE_KEEP_DATA" && cp -r "$data_dir/." "$ENGINE_KEEP_DATA/"
  echo "data directory copied to $ENGINE_KEEP_DATA"
fi
exit "$status"
