#!/usr/bin/env bash
# Start-up to first answered request, and idle memory, of the Release build (bench/README.md).
#
# Each of STARTUP_RUNS (5) runs starts `dotnet Callout.Server.dll` on a fresh data directory (so
# the time includes creating and migrating callout.db), polls ListContacts with curl every few ms
# until it answers 200, and reports the time from launch. It then sends a few requests, idles 2 s
# and reads VmRSS from /proc/PID/status.
#
# Goals: median start-up < 1 s; idle RSS < 100 MB.
# Resolution: each poll forks curl (a few ms), so times are a few ms late at worst.
#
# Environment (all optional): STARTUP_RUNS=5; BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>
# (which server to measure, bench/lib.sh build_server); CALLOUT_LOG_LEVEL defaults to Warning.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

runs="${STARTUP_RUNS:-5}"
export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"

ensure_curl
build_server

# A port that nothing listens on, below the kernel's ephemeral range so that outgoing connections
# (ours or a neighbour's) cannot take it meanwhile. Port 0 is no use here: the poll must know the
# port before the server can print it.
free_port() {
  local low port
  low="$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  while true; do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# One POST as the bench account; prints the HTTP status (000 when nothing listens yet).
post_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST "$1/" \
    -H "X-Amz-Target: SSMContacts.$2" \
    -H 'Content-Type: application/x-amz-json-1.1' \
    -H "Authorization: $BENCH_AUTH" \
    --data-binary "$3" || true
}

kb_of() {
  awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"
}

bench_noise_before
startups=()
rss=()
for run in $(seq 1 "$runs"); do
  port="$(free_port)"
  url="http://127.0.0.1:$port"
  log="$BENCH_TMP/startup-$run.log"
  data="$BENCH_TMP/data-$run"

  for attempt in 1 2 3; do
    t0="$(now_ms)"
    dotnet "$SERVER_DLL" --urls "$url" --data-dir "$data" >"$log" 2>&1 &
    pid=$!
    BENCH_PIDS+=("$pid")
    until [[ "$(post_status "$url" ListContacts '{}')" == 200 ]]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        break
      fi
      if (($(now_ms) - t0 > 30000)); then
        echo "no answer within 30 s" >&2
        exit 1
      fi
      sleep 0.003
    done
    kill -0 "$pid" 2>/dev/null && break
    bench_forget "$pid"
    # Another process took the port between the check and the bind: try another one.
    if grep -q 'address already in use' "$log" && ((attempt < 3)); then
      echo "run $run: port $port was taken meanwhile; retrying on another" >&2
      port="$(free_port)"
      url="http://127.0.0.1:$port"
      rm -rf "$data"
      continue
    fi
    cat "$log" >&2
    echo "Callout exited during start-up" >&2
    exit 1
  done
  elapsed=$(($(now_ms) - t0))
  startups+=("$elapsed")

  # A little real use, then idle: the figure is what a quiet server holds, not a peak.
  for i in 1 2 3 4 5; do
    [[ "$(post_status "$url" CreateContact "{\"Alias\":\"s$i\",\"Type\":\"PERSONAL\",\"Plan\":{\"Stages\":[]}}")" == 200 ]] \
      || { echo "CreateContact failed" >&2; exit 1; }
    [[ "$(post_status "$url" GetContact "{\"ContactId\":\"arn:aws:ssm-contacts:$BENCH_REGION:$BENCH_ACCOUNT:contact/s$i\"}")" == 200 ]] \
      || { echo "GetContact failed" >&2; exit 1; }
    [[ "$(post_status "$url" ListContacts '{}')" == 200 ]] || { echo "ListContacts failed" >&2; exit 1; }
  done
  sleep 2
  rss_kb="$(kb_of "$pid" VmRSS)"
  hwm_kb="$(kb_of "$pid" VmHWM)"
  rss+=("$((rss_kb / 1024))")
  printf 'run %d: first 200 after %5d ms; idle VmRSS %4d MB (peak VmHWM %4d MB)\n' \
    "$run" "$elapsed" "$((rss_kb / 1024))" "$((hwm_kb / 1024))"

  bench_stop "$pid"
  bench_forget "$pid"
done

startup_median="$(printf '%s\n' "${startups[@]}" | median)"
rss_median="$(printf '%s\n' "${rss[@]}" | median)"
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
echo
echo "== Start-up (dotnet Callout.Server.dll, fresh data dir, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL), $runs runs"
echo "start-up to first ListContacts 200: median $startup_median ms (runs: ${startups[*]})   (goal < 1000 ms: $(verdict "$startup_median < 1000"))"
bench_noise_report
echo "idle VmRSS after 15 requests + 2 s: median $rss_median MB (runs: ${rss[*]})   (goal < 100 MB: $(verdict "$rss_median < 100"))"
