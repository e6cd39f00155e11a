#!/usr/bin/env bash
# Retention soak: a simulated year on the virtual clock. Callout runs on a fresh SQLite file with
# --clock virtual and --retention; bench/Callout.Bench.Soak starts SOAK_PER_DAY engagements a day
# in 24 hourly slots, acknowledges most of them (AcceptPage READ), lets the rest run out their
# plans (two 5-minute stages retrying every 2 minutes), and moves the clock hour by hour. Pages go
# to the local outbox, so its purge is measured too. Printed per simulated month: callout.db and
# its WAL, StartEngagement / GetContact / ListEngagements latencies, and the purge's cost per day
# (from /metrics). Then whether the file stayed flat after the window filled (bench/README.md).
#
# Goals: callout.db within 10% once the window is full; the latencies flat over the year.
#
# Environment (all optional):
#   SOAK_DAYS=365  SOAK_PER_DAY=1000  SOAK_RETENTION=90 (days)  SOAK_MONTH_DAYS=30
#   SOAK_AUDIT_RETENTION=SOAK_RETENTION (days; the server's --audit-retention, which follows
#     --retention unless set)
#   SOAK_WORKERS=8 (concurrent calls)  SOAK_ACK_SHARE=0.8  SOAK_PEOPLE=20
#   SOAK_KEEP_DATA=DIR  copy the data directory there after the run
#   BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>: which server to measure (bench/lib.sh, build_server)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"
retention="${SOAK_RETENTION:-90}"
audit_retention="${SOAK_AUDIT_RETENTION:-$retention}"

build_server
bench_build bench/Callout.Bench.Soak
bench_dll="$BENCH_ROOT/bench/Callout.Bench.Soak/bin/Release/net10.0/Callout.Bench.Soak.dll"

echo "load before: $(uptime)"
bench_noise_before

data_dir="$BENCH_TMP/data"
start_callout --data-dir "$data_dir" --clock virtual --retention "$retention" --audit-retention "$audit_retention"
echo "Callout at $CALLOUT_URL (file store, virtual clock, --retention $retention, --audit-retention $audit_retention, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)"

status=0
dotnet "$bench_dll" run --url "$CALLOUT_URL" --db "$data_dir/callout.db" \
  --days "${SOAK_DAYS:-365}" --per-day "${SOAK_PER_DAY:-1000}" --month-days "${SOAK_MONTH_DAYS:-30}" \
  --people "${SOAK_PEOPLE:-20}" --workers "${SOAK_WORKERS:-8}" --ack-share "${SOAK_ACK_SHARE:-0.8}" \
  --retention-days "$retention" || status=$?

callout_alive || exit 1
echo "Callout RSS at the end: $(awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$CALLOUT_PID/status")"
problems="$(callout_problems)"
if [[ -n "$problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$problems"
fi
stop_callout
bench_noise_report
echo "load after: $(uptime)"
find "$data_dir" -maxdepth 1 -type f -printf '  %-20f %12s bytes\n' | sort
if [[ -n "${SOAK_KEEP_DATA:-}" ]]; then
  mkdir -p "$SOAK_KEEP_DATA" && cp -r "$data_dir/." "$SOAK_KEEP_DATA/"
  echo "data directory copied to $SOAK_KEEP_DATA"
fi
exit "$status"
