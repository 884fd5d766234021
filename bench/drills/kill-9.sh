#!/usr/bin/env bash
# Fault drill: kill -9 during a checkout burst (docs/reliability.md).
#
# Starts Fortress on its embedded PostgreSQL with a fresh data directory, creates a product
# with STOCK units and BUYERS buyers, and lets every buyer place orders back to back, each
# with its own Idempotency-Key. Mid-burst it kills the server with SIGKILL:
#   A  the JVM only (what the out-of-memory killer does; its PostgreSQL lives on)
#   B  the JVM and its PostgreSQL (a machine or container crash)
# then restarts it, lets every client retry the orders whose outcome it does not know with
# the same key, and checks what the clients were told against what the database holds.
#
# Usage: bench/drills/kill-9.sh [A|B|both]     (default both; exits 1 on FAIL)
# Tunables (environment): JAR (target/fortress-*.jar), STOCK (150), BUYERS (16), ORDERS_PER_BUYER (15), KILL_AFTER (0.3 s after a third
# of the stock is sold).
set -euo pipefail
cd "$(dirname "$0")/../.."
# the drill is about the default: the embedded PostgreSQL, never a configured one
unset FORTRESS_DB_URL FORTRESS_DB_USER FORTRESS_DB_PASSWORD

VARIANTS=${1:-both}
STOCK=${STOCK:-150}
BUYERS=${BUYERS:-16}
ORDERS_PER_BUYER=${ORDERS_PER_BUYER:-15}
KILL_AFTER=${KILL_AFTER:-0.3}
RETRY_FOR=${RETRY_FOR:-60}
PASSWORD=correct-horse-battery-staple
JSON='Content-Type: application/json'

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fortress-kill9.XXXXXX")
APP_PID=
CLIENT_PIDS=()

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# The PostgreSQL processes (postmaster and backends) working in a data directory.
pg_processes() {
  local dir=$1 proc
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/cwd" 2>/dev/null)" = "$dir" ] && echo "${proc#/proc/}"
  done
  return 0
}

cleanup() {
  local pid
  for pid in "${CLIENT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  for dir in "$WORK"/*/data/postgres; do
    [ -d "$dir" ] || continue
    for pid in $(pg_processes "$(readlink -f "$dir")"); do kill -INT "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do [ -z "$(pg_processes "$(readlink -f "$dir")")" ] && break; sleep 0.2; done
    for pid in $(pg_processes "$(readlink -f "$dir")"); do kill -9 "$pid" 2>/dev/null || true; done
  done
  if [ "${KEEP:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

JAR=${JAR:-$(ls target/fortress-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$JAR" ]; then
  log "building the jar"
  ./mvnw -o -q -DskipTests package
  JAR=$(ls target/fortress-*.jar | grep -v original | head -1)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT

# Starts the server on $DATA and waits until it is ready; sets APP_PID and STARTED_IN (s).
start_app() {
  local started=$(date +%s.%N)
  FORTRESS_DATA_DIR=$DATA FORTRESS_ADMIN_EMAIL=admin@example.com FORTRESS_ADMIN_PASSWORD=$PASSWORD \
    FORTRESS_RATE_LIMIT_AUTH=100000 FORTRESS_RATE_LIMIT_API=100000 SERVER_PORT=$PORT \
    java -jar "$JAR" --fortress.orders.idempotency-lease=5s >>"$RUN/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "$BASE/actuator/health/readiness"; then
      STARTED_IN=$(echo "$(date +%s.%N) - $started" | bc)
      return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      log "the server exited while starting: $(grep -o 'Caused by: [^:]*: .*' "$RUN/app.log" | tail -1 | cut -c1-200)"
      return 1
    fi
    sleep 0.25
  done
  log "the server did not become ready in 60 s"; return 1
}

login() {
  curl -s -X POST "$BASE/api/v1/auth/login" -H "$JSON" -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken
}

# One order attempt: prints "<http code> <order id or problem type>".
order() {
  local token=$1 key=$2 body code
  body=$(mktemp "$RUN/body.XXXXXX")
  code=$(curl -s -o "$body" -w '%{http_code}' --max-time 15 -X POST "$BASE/api/v1/orders" -H "$JSON" \
    -H "Authorization: Bearer $token" -H "Idempotency-Key: $key" \
    -d "{\"items\":[{\"sku\":\"$SKU\",\"quantity\":1}],\"payment\":{\"token\":\"tok_visa\"}}" || true)
  echo "$code $(jq -r '.id // .type // "-"' "$body" 2>/dev/null | sed 's#.*/##' || echo -)"
  rm -f "$body"
}

# A buyer's burst: one order after the other, each answer recorded as "key code id".
buyer() {
  local n=$1 token=$2 i key
  for i in $(seq 1 "$ORDERS_PER_BUYER"); do
    key=drill-$n-$i
    echo "$key $(order "$token" "$key")" >>"$RUN/answers.$n"
  done
}

# Retries until the answer is final: 201, 402 or 409 sold-out.
final() { case "$1" in 201 | 402) return 0 ;; 409) [ "$2" = sold-out ] ;; *) return 1 ;; esac; }

retry_unknown() {
  local n=$1 token=$2 key code id deadline=$(($(date +%s) + RETRY_FOR))
  while read -r key code id; do
    while ! final "$code" "$id" && [ "$(date +%s)" -lt "$deadline" ]; do
      read -r code id < <(order "$token" "$key")
      final "$code" "$id" || sleep 0.5
    done
    echo "$key $code $id"
  done <"$RUN/answers.$n" >"$RUN/final.$n"
}

sql() { PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$DB_PORT" -U fortress -d postgres -Atq -c "$1"; }

drill() {
  local variant=$1
  RUN=$WORK/$variant
  DATA=$RUN/data
  mkdir -p "$RUN"
  log "[$variant] starting Fortress on a fresh data directory (port $PORT)"
  start_app || return 1
  local admin
  admin=$(login admin@example.com)
  SKU=DRILL-$variant-$RANDOM
  curl -sf -o /dev/null -X POST "$BASE/api/v1/products" -H "Authorization: Bearer $admin" -H "$JSON" -d "{
    \"name\": \"Drill pair\", \"brand\": \"Drill\", \"description\": \"kill -9 drill\",
    \"variants\": [{\"sku\": \"$SKU\", \"size\": \"42\", \"price\": {\"amount\": 17000, \"currency\": \"USD\"}, \"stock\": $STOCK}]}"
  local tokens=() n
  for n in $(seq 1 "$BUYERS"); do
    curl -sf -o /dev/null -X POST "$BASE/api/v1/auth/register" -H "$JSON" \
      -d "{\"email\":\"buyer$n@example.com\",\"password\":\"$PASSWORD\",\"displayName\":\"buyer $n\"}"
    tokens+=("$(login "buyer$n@example.com")")
  done
  log "[$variant] $BUYERS buyers x $ORDERS_PER_BUYER orders against $STOCK units; SIGKILL ${KILL_AFTER}s after $((STOCK / 3)) sales"
  CLIENT_PIDS=()
  for n in $(seq 1 "$BUYERS"); do
    buyer "$n" "${tokens[$((n - 1))]}" &
    CLIENT_PIDS+=($!)
  done
  # mid-burst: once a third of the stock is acknowledged (or after 30 s), plus KILL_AFTER
  for _ in $(seq 1 300); do
    [ "$(cat "$RUN"/answers.* 2>/dev/null | awk '$2 == 201' | wc -l)" -ge $((STOCK / 3)) ] && break
    sleep 0.1
  done
  sleep "$KILL_AFTER"
  local victims="JVM $APP_PID"
  disown "$APP_PID"
  kill -9 "$APP_PID"
  local dir
  dir=$(readlink -f "$DATA/postgres")
  if [ "$variant" = B ]; then
    local pids
    pids=$(pg_processes "$dir" | tr '\n' ' ')
    kill -9 $pids 2>/dev/null || true
    victims="$victims and PostgreSQL ($pids)"
  fi
  local killed_at=$(date +%s.%N)
  while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.05; done
  log "[$variant] killed $victims"
  wait "${CLIENT_PIDS[@]}" || true
  CLIENT_PIDS=()
  local alive
  alive=$(pg_processes "$dir" | wc -l)
  log "[$variant] PostgreSQL processes still running on the data directory: $alive"

  if ! start_app; then
    log "[$variant] FAIL: the server did not start again after the kill"
    return 1
  fi
  local recovery
  recovery=$(echo "$(date +%s.%N) - $killed_at" | bc)
  log "[$variant] restarted: ready $(printf '%.1f' "$STARTED_IN")s after the restart, $(printf '%.1f' "$recovery")s after the kill"
  grep -h "Stopping the embedded PostgreSQL" "$RUN/app.log" | sed 's/^.*LeftoverServer *: /    /' || true

  for n in $(seq 1 "$BUYERS"); do
    retry_unknown "$n" "${tokens[$((n - 1))]}" &
    CLIENT_PIDS+=($!)
  done
  wait "${CLIENT_PIDS[@]}"
  CLIENT_PIDS=()

  DB_PASSWORD=$(sed -n 's/^application=//p' "$DATA/keys/postgres.properties")
  DB_PORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
  cat "$RUN"/answers.* >"$RUN/answers"
  cat "$RUN"/final.* >"$RUN/final"
  local attempts unknown acked sold_out other lost dup_ids live units on_hand reserved stray charges
  attempts=$(wc -l <"$RUN/answers")
  unknown=$(awk '!($2 == 201 || $2 == 402 || ($2 == 409 && $3 == "sold-out"))' "$RUN/answers" | wc -l)
  acked=$(awk '$2 == 201' "$RUN/final" | wc -l)
  sold_out=$(awk '$2 == 409 && $3 == "sold-out"' "$RUN/final" | wc -l)
  other=$(awk '!($2 == 201 || $2 == 402 || ($2 == 409 && $3 == "sold-out"))' "$RUN/final" | wc -l)
  # the first answer a key got must not change: a 201 before the kill is the same order after
  local changed
  changed=$(join <(awk '$2 == 201 {print $1, $3}' "$RUN/answers" | sort) <(sort "$RUN/final") |
    awk '$2 != $4' | wc -l)
  dup_ids=$(awk '$2 == 201 {print $3}' "$RUN/final" | sort | uniq -d | wc -l)
  local acked_ids
  acked_ids=$(awk '$2 == 201 {print "(\x27" $3 "\x27)"}' "$RUN/final" | paste -sd,)
  [ -n "$acked_ids" ] || acked_ids="('00000000-0000-0000-0000-000000000000')"
  lost=$(sql "select count(*) from (values $acked_ids) a(id) where not exists
    (select 1 from orders o where o.id = a.id::uuid and o.status in ('PAID', 'PENDING_PAYMENT'))")
  live=$(sql "select count(*) from orders where status in ('PAID', 'PENDING_PAYMENT')")
  units=$(sql "select coalesce(sum(l.quantity), 0) from orders o join order_lines l on l.order_id = o.id
    where o.status in ('PAID', 'PENDING_PAYMENT') and l.sku = '$SKU'")
  stray=$(sql "select count(*) from orders o where o.status in ('PAID', 'PENDING_PAYMENT')
    and o.id not in (select a.id::uuid from (values $acked_ids) a(id))")
  read -r on_hand reserved < <(sql "select on_hand, reserved from stock where sku = '$SKU'" | tr '|' ' ')
  charges=$(sql "select count(*) from (select reference from sandbox_psp_payments
    where status in ('AUTHORIZED', 'CAPTURED') group by reference having count(*) > 1) d")
  local pending
  pending=$(sql "select count(*) from orders where status = 'PENDING_PAYMENT'")

  local verdict=PASS problems=()
  [ "$lost" -eq 0 ] || problems+=("$lost acknowledged orders lost")
  [ "$changed" -eq 0 ] || problems+=("$changed keys answered with another order after the restart")
  [ "$dup_ids" -eq 0 ] || problems+=("$dup_ids orders acknowledged to two keys")
  [ "$other" -eq 0 ] || problems+=("$other keys without a final answer")
  [ "$live" -le "$STOCK" ] || problems+=("oversold: $live live orders for $STOCK units")
  [ "$stray" -eq 0 ] || problems+=("$stray live orders no client was told about")
  [ "$((STOCK - on_hand + reserved))" -eq "$units" ] ||
    problems+=("stock inconsistent: on_hand $on_hand reserved $reserved vs $units units in live orders")
  [ "$charges" -eq 0 ] || problems+=("$charges orders charged more than once")
  [ "${#problems[@]}" -eq 0 ] || verdict=FAIL
  log "[$variant] $verdict  attempts $attempts, no answer before the restart $unknown, acknowledged $acked" \
    "(live orders $live, pending $pending), sold-out $sold_out, unanswered $other, lost $lost," \
    "stock $STOCK: on_hand $on_hand reserved $reserved, double charges $charges, recovery $(printf '%.1f' "$recovery")s"
  local p
  for p in "${problems[@]}"; do log "[$variant]   FAIL: $p"; done

  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
  alive=$(pg_processes "$dir" | wc -l)
  if [ "$alive" -ne 0 ]; then
    log "[$variant]   FAIL: $alive PostgreSQL processes left running after a clean stop"
    verdict=FAIL
  fi
  [ "$verdict" = PASS ]
}

status=0
case "$VARIANTS" in
  A | B) drill "$VARIANTS" || status=1 ;;
  both) drill A || status=1; drill B || status=1 ;;
  *) echo "usage: $0 [A|B|both]" >&2; exit 2 ;;
esac
if [ "$status" -eq 0 ]; then log "kill-9 drill: PASS"; else log "kill-9 drill: FAIL"; fi
exit "$status"
