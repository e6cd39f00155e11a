#!/usr/bin/env bash
# ShiftCalculator.Shifts with BenchmarkDotNet (bench/Callout.Benchmarks): a one-year window of a
# 30-contact weekly rotation (MON 09:00, America/New_York) with 100 overrides and coverage
# MON-FRI 09:00-17:00, against the same rotation without overrides or coverage (the same-run
# baseline), plus the first page of 50 that one ListRotationShifts call computes, and four
# diagnostic variants. No server: the domain library is called in process (bench/README.md).
#
# Goals (issue): < 1 ms per call; no allocation per shift beyond the result (the Shift records).
#
# Environment (all optional):
#   SHIFTS_ITERATIONS=3   measured iterations per benchmark (ShortRun's 3; more narrow the margin
#                         on a busy machine; each adds ~0.5 s per benchmark)
#   SHIFTS_ARTIFACTS=DIR  keep BenchmarkDotNet's log and reports there (default: a temporary
#                         directory removed at exit)
# Extra arguments go to BenchmarkDotNet, e.g. --filter '*IssueYear*'.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

bench_build bench/Callout.Benchmarks
bench_dll="$BENCH_ROOT/bench/Callout.Benchmarks/bin/Release/net10.0/Callout.Benchmarks.dll"
artifacts="${SHIFTS_ARTIFACTS:-$BENCH_TMP/bdn}"
echo "domain: working tree at $(git -C "$BENCH_ROOT" rev-parse --short HEAD), $(git -C "$BENCH_ROOT" status --short -- src/Callout.Domain | wc -l) files under src/Callout.Domain differ from it"

bench_noise_before
status=0
dotnet "$bench_dll" --artifacts "$artifacts" --iterations "${SHIFTS_ITERATIONS:-3}" "$@" || status=$?
bench_noise_report
if ((status != 0)); then
  echo "BenchmarkDotNet's log: $artifacts/bdn.log (kept only with SHIFTS_ARTIFACTS)" >&2
  tail -n 30 "$artifacts/bdn.log" >&2 || true
fi
exit "$status"
