#!/usr/bin/env bash
# Fault drill: a flood of logins and of bad bodies during a checkout burst (docs/reliability.md).
#
# Starts Fortress on its embedded PostgreSQL with a fresh data directory (rate limits
# relaxed, as for a flood from many addresses that per-address limits do not stop) and runs
# bench/drills/flood.py: BUYERS buyers order back to back through phases of PHASE seconds
# (warm-up with the whole flood, then quiet phases between: flood, logins only, bad bodies only, flood); during a flood LOGINS threads log in with a
# correct password (Argon2id each time) and BODIES threads send a 64 MB Content-Length, an
# endless chunked body, deeply nested and truncated JSON. Passes when the checkouts keep at
# least 80 % of their goodput (flood phases over quiet phases, measured side by side), the
# server is up afterwards with no OutOfMemoryError in its log, no 5xx other than 503, and
# the checker (bench/drills/lib.sh) holds. Reports the CPU of each phase (the server's and
# the generator's, which shares the cores) and what one refused body costs each of them.
#
# Usage: bench/drills/flood.sh [--quick]   (exits 1 on FAIL)
# Tunables (environment): JAR, BUYERS (16), LOGINS (32), BODIES (8), PHASE (15 s; 8 with --quick),
# WARMUP (120 s; 30 with --quick: checkouts and the whole flood, before the measured phases),
# MIN_RATIO (0.8).
set -euo pipefail
cd "$(dirname "$0")/../.."
DRILL=flood
. bench/drills/lib.sh

QUICK=${1:-}
STOCK=${STOCK:-1000000}
BUYERS=${BUYERS:-16}
LOGINS=${LOGINS:-32}
BODIES=${BODIES:-8}
MIN_RATIO=${MIN_RATIO:-0.8}
if [ "$QUICK" = --quick ]; then PHASE=${PHASE:-8}; WARMUP=${WARMUP:-30}; else PHASE=${PHASE:-15}; WARMUP=${WARMUP:-120}; fi
drill_init

setup_shop "$WORK/run" || exit 1
curl -sf -o /dev/null -X POST "$BASE/api/v1/auth/register" -H "$JSON" \
  -d "{\"email\":\"flood@example.com\",\"password\":\"$PASSWORD\",\"displayName\":\"flood\"}"
printf '%s\n' "${TOKENS[@]}" >"$RUN/tokens"

# the server's resident memory, sampled each second
(while kill -0 "$APP_PID" 2>/dev/null; do
  awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null
  sleep 1
done >"$RUN/rss") &
EXTRA_PIDS+=($!)

log "uptime: $(uptime | sed 's/.*load/load/')"
log "$BUYERS buyers; warm-up ${WARMUP}s with the whole flood, then phases of ${PHASE}s: quiet flood quiet logins quiet bodies quiet flood quiet; flood: $LOGINS login threads, $BODIES bad-body threads"
cpu_before=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
FLOOD_WARMUP=$WARMUP python3 bench/drills/flood.py 127.0.0.1 "$PORT" "$SKU" "$RUN" "$PHASE" "$LOGINS" "$BODIES" flood@example.com "$PASSWORD" \
  "$APP_PID" >"$RUN/flood.json"
cpu_app=$(echo "($(awk '{print $14 + $15}' "/proc/$APP_PID/stat") - $cpu_before) / $(getconf CLK_TCK)" | bc)
log "result: $(cat "$RUN/flood.json")"
log "uptime: $(uptime | sed 's/.*load/load/')"
ratio=$(jq -r .ratio "$RUN/flood.json")
alive=no
kill -0 "$APP_PID" 2>/dev/null && curl -sf -o /dev/null "$BASE/actuator/health/liveness" && alive=yes
oom=$(grep -c OutOfMemoryError "$RUN/app.log" || true)
rss_max=$(sort -n "$RUN/rss" | tail -1)

RETRY_FOR=60
retry_all_unknown
check_store
errors=$(awk '$2 ~ /^5/ && $2 != 503' "$RUN/answers" | wc -l)
flood_5xx=$(jq '[.answers[] | to_entries[] | select(.key | test("^5")) | select(.key != "503") | .value] | add // 0' "$RUN/flood.json")
awk -v r="$ratio" -v m="$MIN_RATIO" 'BEGIN {exit !(r >= m)}' ||
  PROBLEMS+=("checkout goodput under the flood is $ratio of the quiet goodput (< $MIN_RATIO)")
[ "$alive" = yes ] || PROBLEMS+=("the server is not up after the flood")
[ "$oom" -eq 0 ] || PROBLEMS+=("$oom OutOfMemoryError lines in the server's log")
[ "$errors" -eq 0 ] || PROBLEMS+=("$errors checkout answers were 5xx other than 503")
[ "$flood_5xx" -eq 0 ] || PROBLEMS+=("$flood_5xx flood requests were answered with a 5xx other than 503")
status=0
verdict "" "$CHECK; goodput quiet $(jq .quiet "$RUN/flood.json")/s, flooded $(jq .flood "$RUN/flood.json")/s," \
  "ratio $ratio (logins alone $(jq .logins_ratio "$RUN/flood.json"), bodies alone $(jq .bodies_ratio "$RUN/flood.json")), server up $alive, OutOfMemoryError $oom, max RSS $((${rss_max:-0} / 1024)) MB, app CPU ${cpu_app}s," \
  "load generator CPU $(jq .client_cpu_s "$RUN/flood.json")s; bodies alone $(jq .bodies_per_s "$RUN/flood.json")/s," \
  "each $(jq .app_ms_per_body "$RUN/flood.json") ms of server CPU and $(jq .generator_ms_per_body "$RUN/flood.json") ms of generator CPU" ||
  status=1
stop_app || status=1
if [ "$status" -eq 0 ]; then log "flood drill: PASS"; else log "flood drill: FAIL"; fi
exit "$status"
