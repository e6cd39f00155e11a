# shellcheck shell=bash
# Shared helpers for the bench/ scripts; sourced, not run. Bash, loopback only.
# Variables set here for the scripts that source it: shellcheck cannot see them used.
# shellcheck disable=SC2034
# Each script sets `set -euo pipefail` itself and calls bench_init first.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_DLL="$BENCH_ROOT/src/Callout.Server/bin/Release/net10.0/Callout.Server.dll"

# The account and region every benchmark request is scoped to (the default auth mode reads them
# from the credential scope without verifying the signature).
BENCH_ACCOUNT=111122223333
BENCH_REGION=us-east-1
BENCH_AUTH="AWS4-HMAC-SHA256 Credential=$BENCH_ACCOUNT/20261125/$BENCH_REGION/ssm-contacts/aws4_request, SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000"

BENCH_PIDS=()
BENCH_TMP=""

bench_init() {
  BENCH_TMP="$(mktemp -d /tmp/callout-benchrun.XXXXXX)"
  trap bench_cleanup EXIT
  # Say where a `set -e` exit came from; -E carries the trap into functions and subshells.
  set -E
  trap 'echo "bench: failed at ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND" >&2' ERR
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]:-}"; do
    [[ -n "$pid" ]] && bench_stop "$pid"
  done
  [[ -n "$BENCH_TMP" && -d "$BENCH_TMP" ]] && rm -rf "$BENCH_TMP"
  return 0
}

# Stops one process we started: SIGTERM (graceful shutdown closes the store), then SIGKILL.
bench_stop() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_forget() {
  local pid="$1" kept=() p
  for p in "${BENCH_PIDS[@]:-}"; do
    [[ -n "$p" && "$p" != "$pid" ]] && kept+=("$p")
  done
  BENCH_PIDS=("${kept[@]:-}")
}

ensure_wrk() {
  command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk) >&2
  command -v wrk >/dev/null || { echo "wrk is not installed and could not be installed" >&2; exit 1; }
}

ensure_curl() {
  command -v curl >/dev/null || (apt-get update && apt-get install -y curl) >&2
}

# dotnet build -c Release of a project, quiet unless it fails.
bench_build() {
  local project="$1" log
  log="$BENCH_TMP/build-$(basename "$1").log"
  echo "building $project (Release)..." >&2
  if ! dotnet build -c Release -nologo -v q "$BENCH_ROOT/$project" >"$log" 2>&1; then
    cat "$log" >&2
    echo "build of $project failed" >&2
    exit 1
  fi
}

# Builds the Callout server and sets SERVER_DLL. Three sources:
#   default                 the working tree (src/Callout.Server)
#   BENCH_REV=<git rev>     that commit, exported with `git archive` (read-only for the repo) to
#                           /tmp/callout-bench-src-<sha> and built there; unaffected by edits in
#                           progress, so figures name a commit
#   CALLOUT_SERVER_DLL=path a server already built; nothing is built
build_server() {
  if [[ -n "${CALLOUT_SERVER_DLL:-}" ]]; then
    SERVER_DLL="$CALLOUT_SERVER_DLL"
  elif [[ -n "${BENCH_REV:-}" ]]; then
    local sha src
    sha="$(git -C "$BENCH_ROOT" rev-parse --verify "$BENCH_REV^{commit}")"
    src="/tmp/callout-bench-src-$sha"
    if [[ ! -f "$src/.exported" ]]; then
      rm -rf "$src" && mkdir -p "$src"
      git -C "$BENCH_ROOT" archive "$sha" | tar -x -C "$src"
      touch "$src/.exported"
    fi
    echo "server source: commit $sha (exported to $src)" >&2
    local log="$BENCH_TMP/build-server.log"
    if ! dotnet build -c Release -nologo -v q "$src/src/Callout.Server" >"$log" 2>&1; then
      cat "$log" >&2
      echo "build of Callout.Server at $sha failed" >&2
      exit 1
    fi
    SERVER_DLL="$src/src/Callout.Server/bin/Release/net10.0/Callout.Server.dll"
  else
    bench_build src/Callout.Server
  fi
  [[ -f "$SERVER_DLL" ]] || { echo "no server at $SERVER_DLL" >&2; exit 1; }
}

# Waits until LOG holds "listening on http://..." and prints that URL. Both Callout and
# BareEndpoint print that line once Kestrel is bound, so port 0 can be used.
bench_wait_url() {
  local log="$1" pid="$2" timeout_s="${3:-30}" url="" _
  for _ in $(seq 1 $((timeout_s * 100))); do
    url="$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$log" 2>/dev/null | head -n1 | sed 's/^listening on //')" || true
    [[ -n "$url" ]] && { echo "$url"; return 0; }
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before listening; its output:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.01
  done
  echo "timed out waiting for $log to show a listening URL" >&2
  cat "$log" >&2
  return 1
}

# Starts Callout in the background on a free loopback port. Extra args go to the server
# (e.g. --data-dir DIR or --in-memory). Sets CALLOUT_PID and CALLOUT_URL.
# Per-request logging is off unless the caller exports CALLOUT_LOG_LEVEL itself.
start_callout() {
  local log="$BENCH_TMP/callout-$RANDOM.log"
  # Throttling is off unless the caller asks for it (bench/wrk/throttle.sh does): the benchmarks
  # drive one account far past the default rate to measure the pipeline, not the throttle. A
  # variable rather than a flag, so builds from before throttling ignore it.
  CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}" CALLOUT_THROTTLE_RATE="${CALLOUT_THROTTLE_RATE:-0}" \
    dotnet "$SERVER_DLL" --urls http://127.0.0.1:0 "$@" >"$log" 2>&1 &
  CALLOUT_PID=$!
  BENCH_PIDS+=("$CALLOUT_PID")
  CALLOUT_LOG="$log"
  CALLOUT_URL="$(bench_wait_url "$log" "$CALLOUT_PID")"
}

# Fails, with the exit status and the end of Callout's log, if the server is no longer running:
# a crash under load is a finding, not a client error.
callout_alive() {
  kill -0 "$CALLOUT_PID" 2>/dev/null && return 0
  local rc=0
  wait "$CALLOUT_PID" 2>/dev/null || rc=$?
  bench_forget "$CALLOUT_PID"
  echo "Callout (pid $CALLOUT_PID) exited during the run with status $rc; last lines of its output:" >&2
  tail -n 40 "$CALLOUT_LOG" >&2
  return 1
}

# Prints up to 5 warning-or-worse lines Callout logged (console format "fail:", "crit:", "warn:").
callout_problems() {
  grep -E '^[^ ]* (warn|fail|crit): ' "$CALLOUT_LOG" | head -n 5 || true
}

stop_callout() {
  bench_stop "$CALLOUT_PID"
  bench_forget "$CALLOUT_PID"
}

# POSTs one SSMContacts operation as the bench account; prints the body, fails on non-200.
callout_call() {
  local url="$1" op="$2" body="$3" out="$BENCH_TMP/call.out" code
  code="$(curl -sS -o "$out" -w '%{http_code}' -X POST "$url/" \
    -H "X-Amz-Target: SSMContacts.$op" \
    -H 'Content-Type: application/x-amz-json-1.1' \
    -H "Authorization: $BENCH_AUTH" \
    --data-binary "$body")"
  if [[ "$code" != 200 ]]; then
    echo "$op answered HTTP $code: $(cat "$out")" >&2
    return 1
  fi
  cat "$out"
}

# Median of the numbers on stdin, one per line.
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

now_ms() {
  echo $(( $(date +%s%N) / 1000000 ))
}

# CPU time (user + system) a process has used so far, in clock ticks (getconf CLK_TCK per second).
cpu_ticks() {
  # Fields after the ")" closing the command name: state is 1st, utime 12th, stime 13th.
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

CLK_TCK="$(getconf CLK_TCK)"

# Share of all CPUs that were busy over a 2 s sample (from /proc/stat). Taken while none of our
# processes run, it is what the neighbours are using: on a shared machine, the figure to read
# before believing a change.
busy_cpu_percent() {
  local a b
  a="$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)"
  sleep 2
  b="$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)"
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
    busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%.0f", (busy + idle > 0 ? 100 * busy / (busy + idle) : 0) }'
}

# Records how busy the machine is before our load starts; bench_noise_report prints it with a
# second sample taken after our processes stopped.
# With BENCH_QUIET_BELOW=P it first waits (up to BENCH_QUIET_WAIT seconds, default 300) until the
# neighbours use less than P% of the CPUs, and carries on regardless after that.
bench_noise_before() {
  NOISE_BEFORE="$(busy_cpu_percent)"
  if [[ -n "${BENCH_QUIET_BELOW:-}" ]]; then
    local waited=0 limit="${BENCH_QUIET_WAIT:-300}"
    while ((NOISE_BEFORE >= BENCH_QUIET_BELOW && waited < limit)); do
      echo "machine ${NOISE_BEFORE}% busy without us; waiting for < ${BENCH_QUIET_BELOW}% (${waited}/${limit} s)" >&2
      sleep 8
      waited=$((waited + 10))
      NOISE_BEFORE="$(busy_cpu_percent)"
    done
  fi
}

bench_noise_report() {
  echo "machine busy without us: ${NOISE_BEFORE:-?}% of $(nproc) CPUs before the run, $(busy_cpu_percent)% after (/proc/stat, 2 s each; near 0 means quiet)"
}
