#!/usr/bin/env bash
# Durable writes: CreateContact (distinct aliases) and TagResource from N concurrent HttpClient
# workers against a file-backed Callout, with GET /health/live under the same client as the same-run
# baseline; then stops the server and counts the rows in callout.db (bench/README.md).
#
# Goal: >= 5,000 writes/s for each of CreateContact and TagResource.
#
# Environment (all optional):
#   WRITES_WORKERS=16  WRITES_SECONDS=10 (measured, per phase)  WRITES_WARMUP=2 (per phase)
#   WRITES_TAG_CONTACTS=N  tag only the first N contacts (e.g. 100), so each soon holds 40 tags
#                      and TagResource pays for rewriting a full tag set (default: all contacts)
#   BENCH_STORE=file   or "memory" to run Callout with --in-memory (locates the cost of the disk;
#                      no row count then)
#   BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>: which server to measure (bench/lib.sh, build_server)
#   CALLOUT_LOG_LEVEL  defaults to Warning (no per-request log line); set Information to compare
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

workers="${WRITES_WORKERS:-16}"
seconds="${WRITES_SECONDS:-10}"
warmup="${WRITES_WARMUP:-2}"
store="${BENCH_STORE:-file}"
export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"

build_server
bench_build bench/Callout.Bench.Writes
client_dll="$BENCH_ROOT/bench/Callout.Bench.Writes/bin/Release/net10.0/Callout.Bench.Writes.dll"

bench_noise_before
data_dir="$BENCH_TMP/data"
if [[ "$store" == memory ]]; then
  start_callout --in-memory
else
  start_callout --data-dir "$data_dir"
fi
echo "Callout at $CALLOUT_URL (store: $store, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)" >&2

expect="$BENCH_TMP/expected-rows.txt"
status=0
dotnet "$client_dll" run --url "$CALLOUT_URL" --workers "$workers" --seconds "$seconds" --warmup "$warmup" --expect "$expect" \
  --tag-contacts "${WRITES_TAG_CONTACTS:-0}" || status=$?
echo "(store: $store, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)"

callout_alive || exit 1
# Server errors under load end up in its log even at Warning level.
problems="$(callout_problems)"
if [[ -n "$problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$problems"
fi
stop_callout
bench_noise_report

if [[ "$store" != memory && -f "$expect" ]]; then
  echo
  find "$data_dir" -maxdepth 1 -type f -printf '  %-20f %12s bytes\n' | sort
  dotnet "$client_dll" count --db "$data_dir/callout.db" --expect "$expect" || status=1
fi
exit "$status"
