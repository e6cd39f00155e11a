#!/usr/bin/env bash
# GetContact throughput and latency of Callout against a bare Kestrel endpoint answering the same
# bytes, measured in the same run with the same wrk command (bench/README.md).
#
# Goals: Callout requests/s >= 0.5 x BareEndpoint requests/s; Callout p99 < 5 ms.
#
# Environment (all optional):
#   WRK_DURATION=15s   measured run per server      WRK_WARMUP=5s  unreported run before it
#   WRK_THREADS=2      WRK_CONNECTIONS=16
#   BENCH_STORE=file   or "memory" to run Callout with --in-memory (to locate store costs)
#   BENCH_REV=<rev> or CALLOUT_SERVER_DLL=<path>: which server to measure (bench/lib.sh, build_server)
#   CALLOUT_LOG_LEVEL  defaults to Warning (no per-request log line); set Information to compare
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"
bench_init

duration="${WRK_DURATION:-15s}"
warmup="${WRK_WARMUP:-5s}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-16}"
store="${BENCH_STORE:-file}"
export CALLOUT_LOG_LEVEL="${CALLOUT_LOG_LEVEL:-Warning}"

ensure_wrk
ensure_curl
build_server
bench_build bench/BareEndpoint
bare_dll="$BENCH_ROOT/bench/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll"

# Bytes the server has allocated so far (managed heap), or empty if it does not say: Callout
# exports the runtime's counter on /metrics, BareEndpoint answers it on /_bench/allocated.
allocated_bytes() {
  local url="$1"
  if [[ "$url" == "$CALLOUT_URL" ]]; then
    curl -s "$url/metrics" | awk '$1 == "system_runtime_dotnet_gc_heap_total_allocated" { printf "%.0f", $2 }'
  else
    curl -s "$url/_bench/allocated"
  fi
}

# Callout's own GetContact latency histogram (/metrics, measured inside ApiEndpoint): prints the
# cumulative counts "under_1ms under_5ms total". Empty for BareEndpoint.
handler_counts() {
  [[ "$1" == "$CALLOUT_URL" ]] || return 0
  curl -s "$1/metrics" | awk '
    index($1, "callout_api_request_duration_seconds_bucket{operation=\"GetContact\",code=\"OK\"") == 1 {
      if ($1 ~ /le="0.001"/) a = $2
      if ($1 ~ /le="0.005"/) b = $2
      if ($1 ~ /le="\+Inf"/) n = $2
    }
    END { printf "%d %d %d", a, b, n }'
}

# Runs wrk against URL and prints the BENCH line of getcontact.lua's done(), plus what the server
# process PID used meanwhile: cpu_ticks=N and alloc_bytes=N (-1 when unknown). The full wrk output
# is kept for the error path.
run_wrk() {
  local url="$1" length="$2" pid="$3" out="$BENCH_TMP/wrk-$RANDOM.txt" line before alloc_before alloc_after
  before="$(cpu_ticks "$pid")"
  alloc_before="$(allocated_bytes "$url")"
  local handler_before handler_after
  handler_before="$(handler_counts "$url")"
  wrk -t"$threads" -c"$connections" -d"$length" --latency -s "$here/getcontact.lua" "$url/" >"$out" 2>&1 || {
    cat "$out" >&2
    echo "wrk failed" >&2
    return 1
  }
  line="$(grep '^BENCH ' "$out" | tail -n1)" || true
  if [[ -z "$line" ]]; then
    cat "$out" >&2
    echo "wrk printed no BENCH line" >&2
    return 1
  fi
  local ticks=$(($(cpu_ticks "$pid") - before))
  alloc_after="$(allocated_bytes "$url")"
  local alloc=-1
  [[ -n "$alloc_before" && -n "$alloc_after" ]] && alloc=$((alloc_after - alloc_before))
  handler_after="$(handler_counts "$url")"
  local handler=""
  if [[ -n "$handler_before" && -n "$handler_after" ]]; then
    read -r a0 b0 n0 <<<"$handler_before"
    read -r a1 b1 n1 <<<"$handler_after"
    handler=" handler_under_1ms=$((a1 - a0)) handler_under_5ms=$((b1 - b0)) handler_total=$((n1 - n0))"
  fi
  echo "$line cpu_ticks=$ticks alloc_bytes=$alloc$handler"
}

# field NAME LINE: the value of NAME=... in a BENCH line.
field() {
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

errors_of() {
  local line="$1" sum=0 f
  for f in connect read write status timeout; do
    sum=$((sum + $(field "$f" "$line")))
  done
  echo "$sum"
}

bench_noise_before

# --- Callout -------------------------------------------------------------------------------
if [[ "$store" == memory ]]; then
  start_callout --in-memory
else
  start_callout --data-dir "$BENCH_TMP/data"
fi
echo "Callout at $CALLOUT_URL (store: $store, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)" >&2
callout_call "$CALLOUT_URL" CreateContact '{"Alias":"a1","Type":"PERSONAL","Plan":{"Stages":[]}}' >/dev/null
body_file="$BENCH_TMP/getcontact-body.json"
callout_call "$CALLOUT_URL" GetContact "{\"ContactId\":\"arn:aws:ssm-contacts:$BENCH_REGION:$BENCH_ACCOUNT:contact/a1\"}" >"$body_file"
echo "GetContact answer ($(wc -c <"$body_file") bytes): $(cat "$body_file")" >&2

echo "warming Callout up ($warmup), then measuring ($duration)..." >&2
run_wrk "$CALLOUT_URL" "$warmup" "$CALLOUT_PID" >/dev/null
callout_line="$(run_wrk "$CALLOUT_URL" "$duration" "$CALLOUT_PID")"
callout_alive
callout_problems="$(callout_problems)"
stop_callout

# --- BareEndpoint --------------------------------------------------------------------------
bare_log="$BENCH_TMP/bare.log"
dotnet "$bare_dll" "$body_file" --urls http://127.0.0.1:0 >"$bare_log" 2>&1 &
bare_pid=$!
BENCH_PIDS+=("$bare_pid")
bare_url="$(bench_wait_url "$bare_log" "$bare_pid")"
echo "BareEndpoint at $bare_url; warming up ($warmup), then measuring ($duration)..." >&2
run_wrk "$bare_url" "$warmup" "$bare_pid" >/dev/null
bare_line="$(run_wrk "$bare_url" "$duration" "$bare_pid")"
bench_stop "$bare_pid"
bench_forget "$bare_pid"

# --- Report --------------------------------------------------------------------------------
callout_rps="$(field rps "$callout_line")"
bare_rps="$(field rps "$bare_line")"
callout_errors="$(errors_of "$callout_line")"
bare_errors="$(errors_of "$bare_line")"
ratio="$(awk -v a="$callout_rps" -v b="$bare_rps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
p50="$(ms "$(field p50_us "$callout_line")")"
p90="$(ms "$(field p90_us "$callout_line")")"
p99="$(ms "$(field p99_us "$callout_line")")"
bare_p50="$(ms "$(field p50_us "$bare_line")")"
bare_p99="$(ms "$(field p99_us "$bare_line")")"
# Server CPU per answered request, in microseconds: steadier than req/s on a shared machine,
# because it does not depend on how much CPU the neighbours (and wrk) left us.
cpu_us() { awk -v t="$(field cpu_ticks "$1")" -v n="$(field requests "$1")" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }'; }
alloc_per_req() { awk -v a="$(field alloc_bytes "$1")" -v n="$(field requests "$1")" 'BEGIN { if (a < 0 || n == 0) print "n/a"; else printf "%.0f", a / n }'; }
callout_cpu="$(cpu_us "$callout_line")"
bare_cpu="$(cpu_us "$bare_line")"
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }

echo
echo "== GetContact: wrk -t$threads -c$connections -d$duration --latency (store: $store, CALLOUT_LOG_LEVEL=$CALLOUT_LOG_LEVEL)"
row() { printf '%-26s %10s req/s   p50 %6s ms   p99 %6s ms   server CPU %6s us/req   alloc %6s B/req   errors %s\n' "$@"; }
row "Callout GetContact" "$callout_rps" "$p50" "$p99" "$callout_cpu" "$(alloc_per_req "$callout_line")" "$callout_errors"
row "BareEndpoint (same bytes)" "$bare_rps" "$bare_p50" "$bare_p99" "$bare_cpu" "$(alloc_per_req "$bare_line")" "$bare_errors"
echo "ratio Callout/Bare:          $ratio   (goal >= 0.5: $(verdict "$ratio >= 0.5"))"
echo "CPU per request Callout/Bare: $(awk -v a="$callout_cpu" -v b="$bare_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')   (no goal; locates cost when req/s is noisy)"
echo "Callout latency:             p50 $p50 ms, p90 $p90 ms, p99 $p99 ms   (goal p99 < 5 ms: $(verdict "$p99 < 5"))"
if [[ -n "$(field handler_total "$callout_line")" ]]; then
  # What the server itself timed (ApiEndpoint, read body to response written). When wrk sees a
  # long tail that the server does not, requests waited for a CPU, not for Callout's code.
  awk -v a="$(field handler_under_1ms "$callout_line")" -v b="$(field handler_under_5ms "$callout_line")" \
    -v n="$(field handler_total "$callout_line")" \
    'BEGIN { if (n > 0) printf "Callout server-side timing:  %.2f%% of requests under 1 ms, %.3f%% under 5 ms (its /metrics histogram)\n", 100 * a / n, 100 * b / n }'
fi
if [[ -n "$callout_problems" ]]; then
  echo "Callout logged warnings or errors during the run (first lines):"
  echo "$callout_problems"
fi
bench_noise_report
echo "raw: callout $callout_line"
echo "raw: bare    $bare_line"
if [[ "$callout_errors" != 0 || "$bare_errors" != 0 ]]; then
  echo "INVALID: wrk counted errors or non-2xx answers (see raw lines)" >&2
  exit 1
fi
