#!/usr/bin/env bash
# SQLite beside PostgreSQL in one run, on one machine, with one server build (bench/postgres/README.md):
#   1. GetContact under wrk      bench/wrk/getcontact.sh on SQLite, then bench/postgres/getcontact-pg.sh
#   2. durable writes            bench/writes/writes.sh on SQLite, then bench/postgres/writes-pg.sh
#   3. the engine on two nodes   bench/postgres/engine-pg.sh (two Callout processes, one schema)
# then a side-by-side table with PostgreSQL/SQLite ratios and the engine's figures against its goals.
# Each part's full output is kept in the output directory (printed at the start and the end).
#
# Goals: those of bench/README.md for GetContact and the writes (the same on either store); for the
# engine on two nodes, p99 lateness < 200 ms, 0 duplicate sends, 0 missing sends, >= 1,000 pages/s.
#
# Environment (all optional):
#   BENCH_PG         Npgsql keywords for the server and role, without Search Path (pglib.sh);
#                    each part makes its own schema and drops it
#   PG_BENCH_PARTS   which parts, default "getcontact writes engine"
#   PG_BENCH_OUT     where to keep the outputs (default /tmp/callout-pgbench-<UTC time>)
#   BENCH_REV or CALLOUT_SERVER_DLL: which server (bench/lib.sh); built once and copied aside, so
#                    edits to the tree during the run do not change what is measured
#   BENCH_QUIET_BELOW, and every option of the scripts above (WRK_*, WRITES_*, ENGINE_*)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=pglib.sh
source "$here/pglib.sh"
pg_bench_init

parts="${PG_BENCH_PARTS:-getcontact writes engine}"
out="${PG_BENCH_OUT:-/tmp/callout-pgbench-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
started_s="$(date +%s)"

ensure_wrk
ensure_curl
build_server
# The server is copied aside: the parts run for minutes, and others may rebuild the tree meanwhile.
mkdir -p "$BENCH_TMP/server"
cp -r "$(dirname "$SERVER_DLL")/." "$BENCH_TMP/server/"
CALLOUT_SERVER_DLL="$BENCH_TMP/server/$(basename "$SERVER_DLL")"
export CALLOUT_SERVER_DLL
for project in bench/BareEndpoint bench/Callout.Bench.Writes bench/Callout.Bench.Engine bench/postgres/Callout.Bench.Cluster; do
  bench_build "$project"
done
pg_version="$(pg_sql "$BENCH_PG" "SHOW server_version")" || {
  echo "PostgreSQL does not answer at ${BENCH_PG%%;Password=*} (bash tests/Callout.Storage.Tests/Postgres/start-postgres.sh starts one)" >&2
  exit 1
}
pg_settings="$(pg_sql "$BENCH_PG" "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'max_connections', 'commit_delay')")"

{
  echo "== Callout on SQLite and PostgreSQL, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(free -h | awk '/^Mem:/ { print $2 }') RAM, kernel $(uname -r), dotnet $(dotnet --version)"
  echo "PostgreSQL $pg_version at ${BENCH_PG%%;Password=*}: $pg_settings"
  echo "server: $SERVER_DLL (copied aside); tree at $(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "with $(git -C "$BENCH_ROOT" status --porcelain -- src 2>/dev/null | wc -l) changed files under src/${BENCH_REV:+ (BENCH_REV=$BENCH_REV)}"
  echo "outputs: $out"
} | tee "$out/header.txt"

failed=()
# run NAME COMMAND...: runs one part, its output shown and kept in $out/NAME.txt.
run() {
  local name="$1" rc=0
  shift
  echo
  echo "---- $name: $* ($(date -u +%H:%M:%SZ))"
  "$@" 2>&1 | tee "$out/$name.txt" || rc=$?
  [[ "$rc" == 0 ]] || { failed+=("$name (exit $rc)"); echo "---- $name exited with status $rc"; }
  return 0
}
for part in $parts; do
  case "$part" in
    getcontact)
      run getcontact-sqlite "$BENCH_ROOT/bench/wrk/getcontact.sh"
      run getcontact-postgres "$here/getcontact-pg.sh"
      ;;
    writes)
      run writes-sqlite "$BENCH_ROOT/bench/writes/writes.sh"
      run writes-postgres "$here/writes-pg.sh"
      ;;
    engine)
      run engine-postgres-2-nodes "$here/engine-pg.sh"
      ;;
    *)
      echo "unknown part '$part' (getcontact, writes, engine)" >&2
      exit 2
      ;;
  esac
done

# ---- Side by side ---------------------------------------------------------------------------
# field NAME LINE: the value of NAME=... in a BENCH line (getcontact.sh's raw lines).
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }
raw() { if [[ -f "$out/$1.txt" ]]; then grep "^raw: $2 " "$out/$1.txt" | tail -n1 || true; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
ms() { if [[ -n "$1" ]]; then awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; fi; }
cpu_us() {
  if [[ -n "$1" ]]; then
    awk -v t="$(field cpu_ticks "$1")" -v n="$(field requests "$1")" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }'
  fi
}
alloc() {
  if [[ -n "$1" ]]; then
    awk -v a="$(field alloc_bytes "$1")" -v n="$(field requests "$1")" 'BEGIN { if (a < 0 || n == 0) print "-"; else printf "%.0f", a / n }'
  fi
}
# writes PART PHASE-PREFIX: "calls errors per_s p50 p99 vs_health" of that phase's line.
writes() {
  [[ -f "$out/$1.txt" ]] || return 0
  grep -F "$2" "$out/$1.txt" | grep -E '[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$' | tail -n1 | awk '{ print $(NF-5), $(NF-4), $(NF-3), $(NF-2), $(NF-1), $NF }'
}
row() { printf '%-44s %12s %12s %9s\n' "$1" "${2:--}" "${3:--}" "$(ratio "$3" "$2")"; }

{
  echo
  echo "== SQLite (file) and PostgreSQL side by side, same run (ratio = PostgreSQL / SQLite)"
  printf '%-44s %12s %12s %9s\n' "figure" "SQLite" "PostgreSQL" "PG/SQLite"
  if [[ " $parts " == *" getcontact "* ]]; then
    sc="$(raw getcontact-sqlite callout)" pc="$(raw getcontact-postgres callout)"
    sb="$(raw getcontact-sqlite bare)" pb="$(raw getcontact-postgres bare)"
    row "GetContact req/s (wrk -c${WRK_CONNECTIONS:-16})" "$(field rps "$sc")" "$(field rps "$pc")"
    row "GetContact p50 ms" "$(ms "$(field p50_us "$sc")")" "$(ms "$(field p50_us "$pc")")"
    row "GetContact p99 ms (goal < 5)" "$(ms "$(field p99_us "$sc")")" "$(ms "$(field p99_us "$pc")")"
    row "Callout CPU per GetContact, us" "$(cpu_us "$sc")" "$(cpu_us "$pc")"
    row "managed bytes allocated per GetContact" "$(alloc "$sc")" "$(alloc "$pc")"
    row "BareEndpoint req/s (each part's own baseline)" "$(field rps "$sb")" "$(field rps "$pb")"
    row "Callout/Bare req/s (goal >= 0.5)" "$(ratio "$(field rps "$sc")" "$(field rps "$sb")")" "$(ratio "$(field rps "$pc")" "$(field rps "$pb")")"
  fi
  if [[ " $parts " == *" writes "* ]]; then
    read -r _ _ sh_rate _ _ _ <<<"$(writes writes-sqlite 'GET /health')" || true
    read -r _ _ ph_rate _ _ _ <<<"$(writes writes-postgres 'GET /health')" || true
    read -r _ s_err s_rate s_p50 s_p99 s_vs <<<"$(writes writes-sqlite 'CreateContact (')" || true
    read -r _ p_err p_rate p_p50 p_p99 p_vs <<<"$(writes writes-postgres 'CreateContact (')" || true
    row "CreateContact writes/s (goal >= 5,000)" "${s_rate:-}" "${p_rate:-}"
    row "CreateContact p50 ms" "${s_p50:-}" "${p_p50:-}"
    row "CreateContact p99 ms" "${s_p99:-}" "${p_p99:-}"
    row "CreateContact errors" "${s_err:-}" "${p_err:-}"
    read -r _ t_err t_rate t_p50 t_p99 _ <<<"$(writes writes-sqlite 'TagResource (')" || true
    read -r _ q_err q_rate q_p50 q_p99 _ <<<"$(writes writes-postgres 'TagResource (')" || true
    row "TagResource writes/s (goal >= 5,000)" "${t_rate:-}" "${q_rate:-}"
    row "TagResource p50 ms" "${t_p50:-}" "${q_p50:-}"
    row "TagResource p99 ms" "${t_p99:-}" "${q_p99:-}"
    row "TagResource errors" "${t_err:-}" "${q_err:-}"
    row "GET /health/live under the writes client, /s" "${sh_rate:-}" "${ph_rate:-}"
    row "CreateContact / health" "${s_vs:-}" "${p_vs:-}"
    for f in writes-sqlite writes-postgres; do
      if [[ -f "$out/$f.txt" ]]; then grep -E '^(contacts|tags) ' "$out/$f.txt" | sed "s/^/  $f: /" || true; fi
    done
    if [[ -f "$out/writes-postgres.txt" ]]; then
      sed -n '/^CPU over the client run/p; /^PostgreSQL sessions/,/^[^ ]/{ /^PostgreSQL sessions\|^  /p }' "$out/writes-postgres.txt" | sed 's/^/  writes-postgres: /'
    fi
  fi
  if [[ " $parts " == *" engine "* && -f "$out/engine-postgres-2-nodes.txt" ]]; then
    echo
    echo "== Engine on two nodes, one PostgreSQL schema (bench/postgres/engine-pg.sh)"
    engine_out="$out/engine-postgres-2-nodes.txt"
    if grep -q '^== Engine' "$engine_out"; then
      sed -n '/^== Engine/,/^sink counters/p' "$engine_out" | grep -v '^sink counters'
      grep -E '^(deliveries:|engagements .* ended|sink, read after|key by key|the nodes were stopped|[0-9]+ deliveries PENDING|store and sink agree|steps done|schema size|largest tables|node . (RSS|logged))' "$engine_out" || true
    else
      echo "(no figures: see $engine_out)"
    fi
  fi
  echo
  echo "total time $(( $(date +%s) - started_s )) s; outputs in $out"
  if ((${#failed[@]} > 0)); then
    echo "parts that failed to measure or found errors: ${failed[*]}"
  fi
} | tee "$out/summary.txt"
((${#failed[@]} == 0))
