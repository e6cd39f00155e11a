#!/usr/bin/env bash
# Console page render times: seeds 1,000 contacts, 100 rotations and 10,000 past incidents through
# the API into a file-backed Callout, then GETs each page of pages.txt one at a time and prints
# p50/p99 of the server's own time (its Server-Timing header) and of the client's wall time,
# beside GET /health and the API's GetContact as the same-run baseline (bench/README.md).
#
# Goal: every page's server p99 < 100 ms.
#
# Environment (all optional):
#   CONSOLE_REQUESTS=200 per page  CONSOLE_WARMUP=20  CONSOLE_CONTACTS=1000  CONSOLE_ROTATIONS=100
#   CONSOLE_INCIDENTS=10000  CONSOLE_WORKERS=16 (seeding concurrency)  CONSOLE_PAGES=bench/console/pages.txt
#   BENCH_STORE=file or memory;  BENCH_REV / CALLOUT_SERVER_DLL: which server (bench/lib.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init
export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"

build_server
bench_build bench/Callout.Bench.Console
client_dll="$BENCH_ROOT/bench/Callout.Bench.Console/bin/Release/net10.0/Callout.Bench.Console.dll"

echo "load before: $(uptime)"
bench_noise_before
if [[ "${BENCH_STORE:-file}" == memory ]]; then
  start_callout --in-memory --auth off --default-account "$BENCH_ACCOUNT"
else
  start_callout --data-dir "$BENCH_TMP/data" --auth off --default-account "$BENCH_ACCOUNT"
fi
echo "Callout at $CALLOUT_URL" >&2

dotnet "$client_dll" run --url "$CALLOUT_URL" --account "$BENCH_ACCOUNT" --pages "${CONSOLE_PAGES:-$here/pages.txt}" \
  --requests "${CONSOLE_REQUESTS:-200}" --warmup "${CONSOLE_WARMUP:-20}" --contacts "${CONSOLE_CONTACTS:-1000}" \
  --rotations "${CONSOLE_ROTATIONS:-100}" --incidents "${CONSOLE_INCIDENTS:-10000}" --workers "${CONSOLE_WORKERS:-16}"

callout_alive || exit 1
problems="$(callout_problems)"
if [[ -n "$problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$problems"
fi
stop_callout
bench_noise_report
echo "load after: $(uptime)"
