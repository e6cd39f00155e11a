#!/usr/bin/env bash
# Runs the three benchmarks in turn (a few minutes in all) and exits non-zero if any of them
# failed to run; missed goals are printed as MISSED, not treated as failures. See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 }') RAM, kernel $(uname -r), dotnet $(dotnet --version), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [[ -n "${CALLOUT_SERVER_DLL:-}" ]]; then
  echo "== server: prebuilt $CALLOUT_SERVER_DLL"
elif [[ -n "${BENCH_REV:-}" ]]; then
  echo "== server: commit $(git -C "$here/.." rev-parse "$BENCH_REV")"
else
  echo "== server: working tree at $(git -C "$here/.." rev-parse --short HEAD), $(git -C "$here/.." status --short -- src | wc -l) files under src/ differ from it"
fi
failed=()
for bench in wrk/getcontact.sh writes/writes.sh startup/startup.sh; do
  echo
  echo "################ $bench"
  "$here/$bench" || failed+=("$bench")
done
echo; echo "################ shifts/shifts.sh"; "$here/shifts/shifts.sh" || failed+=("shifts/shifts.sh")
echo && echo "################ engine/engine.sh (~5 min)" && { "$here/engine/engine.sh" || failed+=("engine/engine.sh"); }
if ((${#failed[@]})); then
  echo
  echo "failed to run: ${failed[*]}" >&2
  exit 1
fi
