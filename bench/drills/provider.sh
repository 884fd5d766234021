#!/usr/bin/env bash
# Fault drill: a slow, then failing payment provider during a checkout burst
# (docs/reliability.md).
#
# Starts Fortress on its embedded PostgreSQL with a fresh data directory and its built-in
# sandbox provider (own port and threads), with the reconciler running every 2 s, and lets
# BUYERS buyers order one unit at a time. The fault is the sandbox's own: every buyer
# switches card token together (bench/drills/lib.sh reads $RUN/card before each order):
#   healthy  tok_visa   approved at once
#   slow     tok_slow   the sandbox answers after 10 s, past the client's 2 s read timeout
#   failing  tok_error  the sandbox answers 500
#   healthy  tok_visa   until the circuit has closed again, then PHASE more seconds
# Then it waits until the reconciler has settled every charge whose outcome was unknown,
# and checks: provider timeouts and circuit transitions logged, fast 503s with Retry-After
# while the circuit is open (faster than the read timeout and than an order), the circuit closed again, no 5xx other than 503; the checker
# (bench/drills/lib.sh); every PAID order charged exactly once at the provider, no charge
# kept for an order that is not PAID, no order left PENDING_PAYMENT, no unsettled payment
# and nothing left reserved.
#
# Usage: bench/drills/provider.sh [--quick]   (exits 1 on FAIL)
# Tunables (environment): JAR, STOCK (3000), BUYERS (16), PHASE (12 s; 8 with --quick),
# SETTLE_FOR (120 s: how long reconciliation may take).
set -euo pipefail
cd "$(dirname "$0")/../.."
DRILL=provider
. bench/drills/lib.sh

QUICK=${1:-}
STOCK=${STOCK:-3000}
BUYERS=${BUYERS:-16}
ORDERS_PER_BUYER=100000 # until $RUN/stop
if [ "$QUICK" = --quick ]; then PHASE=${PHASE:-8}; else PHASE=${PHASE:-12}; fi
SETTLE_FOR=${SETTLE_FOR:-120}
drill_init

# "code:count ..." of the answers given with card $1.
codes_of() { all_answers | awk -v c="$1" '$7 == c {n[$2]++} END {for (k in n) printf "%s:%d ", k, n[k]}'; }

APP_ENV="FORTRESS_PSP_RECONCILE_INTERVAL=2s" setup_shop "$WORK/run" || exit 1
log "$BUYERS buyers ordering one unit at a time; phases of ${PHASE}s: healthy, slow (tok_slow), failing (tok_error), healthy"
echo tok_visa >"$RUN/card"
start_buyers
wait_acknowledged $((BUYERS * 2))
sleep "$PHASE"
echo tok_slow >"$RUN/card"
log "provider slow"
sleep "$PHASE"
echo tok_error >"$RUN/card"
log "provider failing"
sleep "$PHASE"
echo tok_visa >"$RUN/card"
t_healthy=$(date +%s.%N)
log "provider healthy again"
closed_after=never
for _ in $(seq 1 600); do
  if grep -q "circuit HALF_OPEN -> CLOSED" "$RUN/app.log"; then
    closed_after=$(printf '%.1f' "$(echo "$(date +%s.%N) - $t_healthy" | bc)")
    break
  fi
  sleep 0.1
done
log "circuit closed ${closed_after}s after the provider was healthy again"
sleep "$PHASE"
touch "$RUN/stop"
wait_buyers

# 503 (the provider unavailable: nothing charged, the key released) is a final answer here;
# a client retries the others (no answer) with the same key and card.
FINAL_503=1
RETRY_FOR=60
retry_all_unknown

log "waiting for the reconciler to settle the charges whose outcome was unknown (at most ${SETTLE_FOR}s)"
t_settle=$(date +%s)
unsettled=-1
while [ "$(($(date +%s) - t_settle))" -lt "$SETTLE_FOR" ]; do
  unsettled=$(sql "select count(*) from payments where state in ('CHARGING', 'UNKNOWN', 'VOIDING')")
  pending=$(sql "select count(*) from orders where status = 'PENDING_PAYMENT'")
  [ "$unsettled" -eq 0 ] && [ "$pending" -eq 0 ] && break
  sleep 2
done
settled_in=$(($(date +%s) - t_settle))
log "settled in ${settled_in}s: payments by state $(sql "select string_agg(state || ':' || n, ' ') from (select state, count(*) n from payments group by 1 order by 1) s")"

check_store
cat "$RUN"/answers.* >"$RUN/answers"
timeouts=$(awk '$7 == "tok_slow" && $4 >= 2000' "$RUN/answers" | wc -l)
median() { sort -n | awk '{a[NR] = $1} END {print NR ? a[int((NR + 1) / 2)] : 0}'; }
# "Fast": a refusal while the circuit is open waits for no provider call, so it comes back in
# less than the provider's read timeout (2 s) and faster than an order does on this machine.
p50_201=$(awk '$2 == 201 {print $4}' "$RUN/answers" | median)
fast_503=$(awk -v m="$p50_201" '$2 == 503 && $4 < 2000 && $4 < m' "$RUN/answers" | wc -l)
all_503=$(awk '$2 == 503' "$RUN/answers" | wc -l)
p50_503=$(awk '$2 == 503 {print $4}' "$RUN/answers" | median)
without_retry_after=$(awk '$2 == 503 && $5 == "-"' "$RUN/answers" | wc -l)
errors=$(awk '$2 ~ /^5/ && $2 != 503' "$RUN/answers" | wc -l)
opened=$(grep -c "circuit CLOSED -> OPEN\|circuit HALF_OPEN -> OPEN" "$RUN/app.log" || true)
closed=$(grep -c "circuit HALF_OPEN -> CLOSED" "$RUN/app.log" || true)
timeout_lines=$(grep -ci "timed out\|timeout" "$RUN/app.log" || true)
healthy_after=$(all_answers | awk -v t="$t_healthy" '$2 == 201 && $6 > t + 0' | wc -l)
paid_not_once=$(sql "select count(*) from orders o where o.status = 'PAID' and (select count(*) from sandbox_psp_payments p
  where p.reference = o.id::text and p.status in ('AUTHORIZED', 'CAPTURED')) <> 1")
charged_not_paid=$(sql "select count(*) from sandbox_psp_payments p where p.status in ('AUTHORIZED', 'CAPTURED')
  and not exists (select 1 from orders o where o.id::text = p.reference and o.status = 'PAID')")
paid=$(sql "select count(*) from orders where status = 'PAID'")
charges=$(sql "select count(*) from sandbox_psp_payments where status in ('AUTHORIZED', 'CAPTURED')")
[ "$opened" -gt 0 ] || PROBLEMS+=("the circuit never opened")
[ "$closed" -gt 0 ] || PROBLEMS+=("the circuit never closed again")
[ "$fast_503" -gt 0 ] || PROBLEMS+=("no fast 503 (< 2 s and < the median order, $p50_201 ms) while the circuit was open")
[ "$p50_503" -lt 2000 ] || PROBLEMS+=("the median 503 took $p50_503 ms, longer than the provider's read timeout")
[ "$without_retry_after" -eq 0 ] || PROBLEMS+=("$without_retry_after 503 answers without Retry-After")
[ "$errors" -eq 0 ] || PROBLEMS+=("$errors answers were 5xx other than 503: $(awk '$2 ~ /^5/ && $2 != 503 {print $2, $3}' "$RUN/answers" | sort | uniq -c | sort -rn | head -3 | tr '\n' ';')")
[ "$healthy_after" -gt 0 ] || PROBLEMS+=("no order acknowledged once the provider was healthy again")
[ "$unsettled" -eq 0 ] || PROBLEMS+=("$unsettled payments not settled after ${SETTLE_FOR}s")
[ "$PENDING" -eq 0 ] || PROBLEMS+=("$PENDING orders stuck in PENDING_PAYMENT (their units stay reserved)")
[ "$RESERVED" -eq 0 ] || PROBLEMS+=("$RESERVED units left reserved")
[ "$paid_not_once" -eq 0 ] || PROBLEMS+=("$paid_not_once PAID orders without exactly one charge at the provider")
[ "$charged_not_paid" -eq 0 ] || PROBLEMS+=("$charged_not_paid charges kept at the provider for orders that are not PAID")
log "answers: healthy $(codes_of tok_visa)| slow $(codes_of tok_slow)| failing $(codes_of tok_error)"
status=0
verdict "" "$CHECK; slow answers >= 2 s $timeouts, 503s $all_503 (fast $fast_503, median ${p50_503} ms; median 201 ${p50_201} ms)," \
  "circuit opened $opened closed $closed (closed ${closed_after}s after healthy), other 5xx $errors," \
  "PAID $paid vs provider charges $charges, settled in ${settled_in}s, timeout log lines $timeout_lines" || status=1
grep -h "Payment provider circuit\|Payment provider.*tim" "$RUN/app.log" | sed 's/^.*\] //' | cut -c1-160 | head -12 || true
stop_app || status=1
if [ "$status" -eq 0 ]; then log "provider drill: PASS"; else log "provider drill: FAIL"; fi
exit "$status"
