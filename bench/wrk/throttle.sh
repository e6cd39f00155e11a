#!/usr/bin/env bash
# GetContact from one account over 1,024 connections, with throttling off and at its defaults, in
# the same run: without it every request waits its turn and the tail grows long; with it the
# account's excess is answered ThrottlingException at once (bench/README.md).
#
# Goal: with throttling, p99 of all answers < 300 ms and well below the run without it, and the
# requests past the account's rate are refused (non-2xx), not queued.
#
# Environment (all optional):
#   WRK_DURATION=15s  WRK_WARMUP=5s  WRK_THREADS=2  WRK_CONNECTIONS=1024
#   THROTTLE_RATE=2000  THROTTLE_BURST=4000   the throttled run's settings (the defaults)
#   BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>: which server to measure (bench/lib.sh, build_server)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

duration="${WRK_DURATION:-15s}"
warmup="${WRK_WARMUP:-5s}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-1024}"
rate="${THROTTLE_RATE:-2000}"
burst="${THROTTLE_BURST:-4000}"
export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"
# wrk needs a descriptor per connection.
ulimit -n "$(( connections + 256 > $(ulimit -n) ? connections + 256 : $(ulimit -n) ))" 2>/dev/null || true

ensure_wrk
ensure_curl
build_server

field() {
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

# Starts Callout with the given throttle rate, makes contact a1, warms up and sets MEASURED to the
# BENCH line of a measured wrk run, plus the server's CPU ticks. Not run in a subshell, so the
# exit trap still stops the server if anything fails.
measure() {
  local throttle_rate="$1" out="$BENCH_TMP/wrk-$RANDOM.txt" before line
  CALLOUT_THROTTLE_RATE="$throttle_rate" start_callout --data-dir "$BENCH_TMP/data-$RANDOM" --throttle-burst "$burst"
  callout_call "$CALLOUT_URL" CreateContact '{"Alias":"a1","Type":"PERSONAL","Plan":{"Stages":[]}}' >/dev/null
  wrk -t"$threads" -c"$connections" -d"$warmup" --latency -s "$here/getcontact.lua" "$CALLOUT_URL/" >/dev/null 2>&1 || true
  before="$(cpu_ticks "$CALLOUT_PID")"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$here/getcontact.lua" "$CALLOUT_URL/" >"$out" 2>&1 || {
    cat "$out" >&2
    echo "wrk failed" >&2
    return 1
  }
  line="$(grep '^BENCH ' "$out" | tail -n1)"
  MEASURED="$line cpu_ticks=$(($(cpu_ticks "$CALLOUT_PID") - before))"
  callout_alive
  stop_callout
}

bench_noise_before
echo "throttling off, then --throttle-rate $rate --throttle-burst $burst; wrk -t$threads -c$connections (warm-up $warmup, measured $duration)" >&2
measure 0
off_line="$MEASURED"
measure "$rate"
on_line="$MEASURED"

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
row() {
  local name="$1" line="$2" requests seconds refused
  requests="$(field requests "$line")"
  seconds="$(field seconds "$line")"
  refused="$(field status "$line")"
  printf '%-34s answers %8.0f/s   served %8.0f/s   refused %8.0f/s   p50 %7s ms   p99 %7s ms   max %7s ms   socket errors %s\n' \
    "$name" \
    "$(awk -v n="$requests" -v s="$seconds" 'BEGIN { print n / s }')" \
    "$(awk -v n="$requests" -v r="$refused" -v s="$seconds" 'BEGIN { print (n - r) / s }')" \
    "$(awk -v r="$refused" -v s="$seconds" 'BEGIN { print r / s }')" \
    "$(ms "$(field p50_us "$line")")" "$(ms "$(field p99_us "$line")")" "$(ms "$(field max_us "$line")")" \
    "$(( $(field connect "$line") + $(field read "$line") + $(field write "$line") + $(field timeout "$line") ))"
}
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }

echo
echo "== GetContact, one account, wrk -t$threads -c$connections -d$duration --latency"
row "throttling off" "$off_line"
row "--throttle-rate $rate (burst $burst)" "$on_line"
off_p99="$(ms "$(field p99_us "$off_line")")"
on_p99="$(ms "$(field p99_us "$on_line")")"
echo "p99 with throttling: $on_p99 ms, without: $off_p99 ms   (goal < 300 ms and below the run without: $(verdict "$on_p99 < 300 && $on_p99 < $off_p99"))"
echo "requests refused with throttling: $(field status "$on_line")   (goal > 0: $(verdict "$(field status "$on_line") > 0"))"
bench_noise_report
echo "raw: off $off_line"
echo "raw: on  $on_line"
