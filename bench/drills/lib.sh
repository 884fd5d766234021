# Shared by the fault drills (docs/reliability.md); sourced, not run.
#
# Gives a drill: a scratch directory and an exit trap that stops whatever the drill started
# (clients, the server, any PostgreSQL working in the drill's data directories); starting
# Fortress on its embedded PostgreSQL; a product, buyers and one-unit orders through the
# HTTP API; SQL against the embedded server; and the checker that compares what clients
# were told with what the database holds.
#
# A drill sets DRILL (its name) before sourcing this file, then calls drill_init.

# the drills are about the default: the embedded PostgreSQL, never a configured one
unset FORTRESS_DB_URL FORTRESS_DB_USER FORTRESS_DB_PASSWORD

PASSWORD=correct-horse-battery-staple
JSON='Content-Type: application/json'
APP_PID=
CLIENT_PIDS=()
EXTRA_PIDS=()

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# The PostgreSQL processes (postmaster and backends) working in a data directory.
pg_processes() {
  local dir=$1 proc
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/cwd" 2>/dev/null)" = "$dir" ] && echo "${proc#/proc/}"
  done
  return 0
}

# The postmaster of a data directory (first line of postmaster.pid), if it runs.
pg_postmaster() {
  local pid
  pid=$(head -1 "$1/postmaster.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}

cleanup() {
  local pid dir
  for pid in "${CLIENT_PIDS[@]}" "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  for dir in "$WORK"/*/data/postgres "$WORK"/data/postgres; do
    [ -d "$dir" ] || continue
    dir=$(readlink -f "$dir")
    for pid in $(pg_processes "$dir"); do kill -INT "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do [ -z "$(pg_processes "$dir")" ] && break; sleep 0.2; done
    for pid in $(pg_processes "$dir"); do kill -9 "$pid" 2>/dev/null || true; done
  done
  if [ "${KEEP:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}

# Scratch directory, exit trap, jar (built if target/ has none) and a free port.
drill_init() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/fortress-$DRILL.XXXXXX")
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
}

# Starts the server on $DATA (log in $RUN/app.log) and waits until it is ready; sets
# APP_PID and STARTED_IN (s). Its gRPC port is $GRPC_PORT, or a free one when unset.
# Extra arguments go to the application; APP_ENV (words
# NAME=value) to its environment.
start_app() {
  local started=$(date +%s.%N)
  # shellcheck disable=SC2086
  env FORTRESS_GRPC_PORT="${GRPC_PORT:-0}" ${APP_ENV:-} FORTRESS_DATA_DIR="$DATA" FORTRESS_ADMIN_EMAIL=admin@example.com FORTRESS_ADMIN_PASSWORD=$PASSWORD \
    FORTRESS_RATE_LIMIT_AUTH=100000 FORTRESS_RATE_LIMIT_API=100000 SERVER_PORT="$PORT" \
    java ${APP_JAVA_OPTS:-} -jar "$JAR" --fortress.orders.idempotency-lease=5s "$@" >>"$RUN/app.log" 2>&1 &
  APP_PID=$!
  local deadline=$(($(date +%s) + ${START_FOR:-300}))
  while [ "$(date +%s)" -lt "$deadline" ]; do
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
  log "the server did not become ready in ${START_FOR:-300} s"
  return 1
}

# Stops the server cleanly and fails if it leaves a PostgreSQL process on its data directory.
stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
  local alive
  alive=$(pg_processes "$(readlink -f "$DATA/postgres")" | wc -l)
  if [ "$alive" -ne 0 ]; then
    log "  FAIL: $alive PostgreSQL processes left running after a clean stop"
    return 1
  fi
}

login() {
  curl -s -X POST "$BASE/api/v1/auth/login" -H "$JSON" -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken
}

# A fresh data directory $RUN/data, the server started on it, a product SKU with STOCK
# units and BUYERS buyers whose access tokens are in TOKENS.
setup_shop() {
  RUN=$1
  DATA=$RUN/data
  mkdir -p "$RUN"
  shift
  log "starting Fortress on a fresh data directory (port $PORT)"
  start_app "$@" || return 1
  local admin n
  admin=$(login admin@example.com)
  SKU=DRILL-$DRILL-$RANDOM
  curl -sf -o /dev/null -X POST "$BASE/api/v1/products" -H "Authorization: Bearer $admin" -H "$JSON" -d "{
    \"name\": \"Drill pair\", \"brand\": \"Drill\", \"description\": \"$DRILL drill\",
    \"variants\": [{\"sku\": \"$SKU\", \"size\": \"42\", \"price\": {\"amount\": 17000, \"currency\": \"USD\"}, \"stock\": $STOCK}]}"
  TOKENS=()
  for n in $(seq 1 "$BUYERS"); do
    curl -sf -o /dev/null -X POST "$BASE/api/v1/auth/register" -H "$JSON" \
      -d "{\"email\":\"buyer$n@example.com\",\"password\":\"$PASSWORD\",\"displayName\":\"buyer $n\"}"
    TOKENS+=("$(login "buyer$n@example.com")")
  done
  DB_PASSWORD=$(sed -n 's/^application=//p' "$DATA/keys/postgres.properties")
  SUPER_PASSWORD=$(sed -n 's/^superuser=//p' "$DATA/keys/postgres.properties")
  DB_PORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
}

# One order attempt with card token $2 (tok_visa unless given):
# prints "<http code> <order id or problem type> <ms> <Retry-After or ->".
order() {
  local token=$1 key=$2 card=${3:-tok_visa} body headers out code
  body=$(mktemp "$RUN/body.XXXXXX")
  headers=$body.h
  out=$(curl -s -o "$body" -D "$headers" -w '%{http_code} %{time_total}' --max-time 15 -X POST "$BASE/api/v1/orders" \
    -H "$JSON" -H "Authorization: Bearer $token" -H "Idempotency-Key: $key" \
    -d "{\"items\":[{\"sku\":\"$SKU\",\"quantity\":1}],\"payment\":{\"token\":\"$card\"}}" || true)
  code=${out%% *}
  echo "${code:-000} $(jq -r '.id // .type // "-"' "$body" 2>/dev/null | sed 's#.*/##' || echo -)" \
    "$(awk -v t="${out#* }" 'BEGIN {printf "%d", t * 1000}')" \
    "$(tr -d '\r' <"$headers" 2>/dev/null | awk 'tolower($1) == "retry-after:" {print $2; f = 1} END {if (!f) print "-"}')"
  rm -f "$body" "$headers"
}

# A buyer's burst: ORDERS_PER_BUYER orders one after the other (or until the file $RUN/stop
# exists), each answer recorded in $RUN/answers.<n> as "key code id ms retry-after".
# The card token is read from $RUN/card before each order (tok_visa when absent), so a
# drill can switch the provider's behaviour mid-burst.
buyer() {
  local n=$1 token=$2 i key card
  for i in $(seq 1 "$ORDERS_PER_BUYER"); do
    [ -e "$RUN/stop" ] && break
    key=drill-$n-$i
    card=$(cat "$RUN/card" 2>/dev/null || echo tok_visa)
    echo "$key $(order "$token" "$key" "$card") $(date +%s.%N) $card" >>"$RUN/answers.$n"
  done
}

# Starts every buyer's burst in the background (CLIENT_PIDS).
start_buyers() {
  local n
  CLIENT_PIDS=()
  for n in $(seq 1 "$BUYERS"); do
    buyer "$n" "${TOKENS[$((n - 1))]}" &
    CLIENT_PIDS+=($!)
  done
}

wait_buyers() {
  wait "${CLIENT_PIDS[@]}" || true
  CLIENT_PIDS=()
}

# Number of answers so far with the given status code.
answered() { all_answers | awk -v c="$1" '$2 == c' | wc -l; }

# Every answer so far (none yet is no error).
all_answers() { cat "$RUN"/answers.* 2>/dev/null || true; }

# Waits until at least $1 orders are acknowledged (at most 30 s).
wait_acknowledged() {
  for _ in $(seq 1 300); do
    [ "$(answered 201)" -ge "$1" ] && return 0
    sleep 0.1
  done
}

# A final answer: 201, 402 or 409 sold-out; with FINAL_503=1 also 503 (a drill whose 503s
# promise that nothing happened and released the key, and that does not retry them).
final() {
  case "$1" in 201 | 402) return 0 ;; 409) [ "$2" = sold-out ] ;; 503) [ "${FINAL_503:-0}" = 1 ] ;; *) return 1 ;; esac
}
# The same, as an awk condition on "key code id" lines.
FINAL_AWK='($2 == 201 || $2 == 402 || ($2 == 409 && $3 == "sold-out") || ($2 == 503 && f503 == 1))'

# Retries every key of $RUN/answers.<n> whose outcome the buyer does not know, with the same
# key and body, until the answer is final or RETRY_FOR (s) have passed; writes
# $RUN/final.<n> as "key code id".
retry_unknown() {
  local n=$1 token=$2 key code id deadline=$(($(date +%s) + ${RETRY_FOR:-60}))
  local card
  while read -r key code id _ _ _ card; do
    while ! final "$code" "$id" && [ "$(date +%s)" -lt "$deadline" ]; do
      read -r code id _ < <(order "$token" "$key" "${card:-tok_visa}")
      final "$code" "$id" || sleep 0.5
    done
    echo "$key $code $id"
  done <"$RUN/answers.$n" >"$RUN/final.$n"
}

retry_all_unknown() {
  local n
  CLIENT_PIDS=()
  for n in $(seq 1 "$BUYERS"); do
    retry_unknown "$n" "${TOKENS[$((n - 1))]}" &
    CLIENT_PIDS+=($!)
  done
  wait "${CLIENT_PIDS[@]}"
  CLIENT_PIDS=()
}

# The statement goes through standard input: a checker's statement lists every order id of
# a long run, more than one command-line argument may hold.
sql() { PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$DB_PORT" -U fortress -d postgres -Atq -v ON_ERROR_STOP=1 -f - <<<"$1"; }
super_sql() { PGPASSWORD=$SUPER_PASSWORD psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -Atq -v ON_ERROR_STOP=1 -f - <<<"$1"; }

# The checker. Compares the final answers ($RUN/final: "key code id", after the clients'
# retries) and the first answers ($RUN/answers) with the database; sets CHECK (a summary)
# and PROBLEMS (one line per broken invariant):
#  * no acknowledged order lost, no key answered with two orders, none left unanswered;
#  * no oversell, stock that adds up, no live order no client was told about;
#  * at most one charge per order at the provider;
#  * every order's OrderPlaced stored exactly once, and none for an order that does not exist.
# With BREAK_EVENTS=1 it first stores one order's OrderPlaced a second time, to show that
# the check can fail (the drill must then end with FAIL).
check_store() {
  if [ "${BREAK_EVENTS:-}" = 1 ]; then
    sql "insert into event_publication select gen_random_uuid(), listener_id, event_type, serialized_event,
      publication_date, completion_date, status, completion_attempts, last_resubmission_date
      from event_publication where event_type like '%.OrderPlaced' limit 1"
  fi
  cat "$RUN"/answers.* >"$RUN/answers"
  cat "$RUN"/final.* >"$RUN/final"
  local acked_ids
  acked_ids=$(awk '$2 == 201 {print "(\x27" $3 "\x27)"}' "$RUN/final" | paste -sd,)
  [ -n "$acked_ids" ] || acked_ids="('00000000-0000-0000-0000-000000000000')"
  ATTEMPTS=$(wc -l <"$RUN/answers")
  UNKNOWN=$(awk -v f503="${FINAL_503:-0}" "!$FINAL_AWK" "$RUN/answers" | wc -l)
  ACKED=$(awk '$2 == 201' "$RUN/final" | wc -l)
  SOLD_OUT=$(awk '$2 == 409 && $3 == "sold-out"' "$RUN/final" | wc -l)
  local other changed dup_ids lost units stray on_hand reserved charges
  other=$(awk -v f503="${FINAL_503:-0}" "!$FINAL_AWK" "$RUN/final" | wc -l)
  # the first answer a key got must not change: a 201 before the fault is the same order after
  changed=$(join <(awk '$2 == 201 {print $1, $3}' "$RUN/answers" | sort) <(sort "$RUN/final") |
    awk '$2 != $4' | wc -l)
  dup_ids=$(awk '$2 == 201 {print $3}' "$RUN/final" | sort | uniq -d | wc -l)
  lost=$(sql "select count(*) from (values $acked_ids) a(id) where not exists
    (select 1 from orders o where o.id = a.id::uuid and o.status in ('PAID', 'PENDING_PAYMENT'))")
  LIVE=$(sql "select count(*) from orders where status in ('PAID', 'PENDING_PAYMENT')")
  PENDING=$(sql "select count(*) from orders where status = 'PENDING_PAYMENT'")
  units=$(sql "select coalesce(sum(l.quantity), 0) from orders o join order_lines l on l.order_id = o.id
    where o.status in ('PAID', 'PENDING_PAYMENT') and l.sku = '$SKU'")
  stray=$(sql "select count(*) from orders o where o.status in ('PAID', 'PENDING_PAYMENT')
    and o.id not in (select a.id::uuid from (values $acked_ids) a(id))")
  read -r on_hand reserved < <(sql "select on_hand, reserved from stock where sku = '$SKU'" | tr '|' ' ')
  charges=$(sql "select count(*) from (select reference from sandbox_psp_payments
    where status in ('AUTHORIZED', 'CAPTURED') group by reference having count(*) > 1) d")
  # Spring Modulith stores one publication per event and listener (OrderPlaced has one,
  # OrderTimeline): an order with none lost its event, one with two got it twice.
  local events without_event twice without_order
  events=$(sql "select count(*) from event_publication where event_type like '%.OrderPlaced'")
  read -r without_event twice without_order < <(sql "
    with placed as (select serialized_event::jsonb ->> 'orderId' as order_id, listener_id, count(*) as n
      from event_publication where event_type like '%.OrderPlaced' group by 1, 2)
    select (select count(*) from orders o where not exists (select 1 from placed p where p.order_id = o.id::text)),
      (select count(*) from placed where n > 1),
      (select count(*) from placed p where not exists (select 1 from orders o where o.id::text = p.order_id))" |
    tr '|' ' ')
  ORDERS=$(sql "select count(*) from orders")
  ON_HAND=$on_hand RESERVED=$reserved DOUBLE=$charges LOST=$lost
  PROBLEMS=()
  [ "$lost" -eq 0 ] || PROBLEMS+=("$lost acknowledged orders lost")
  [ "$changed" -eq 0 ] || PROBLEMS+=("$changed keys answered with another order after the fault")
  [ "$dup_ids" -eq 0 ] || PROBLEMS+=("$dup_ids orders acknowledged to two keys")
  [ "$other" -eq 0 ] || PROBLEMS+=("$other keys without a final answer")
  [ "$LIVE" -le "$STOCK" ] || PROBLEMS+=("oversold: $LIVE live orders for $STOCK units")
  [ "$stray" -eq 0 ] || PROBLEMS+=("$stray live orders no client was told about")
  [ "$((STOCK - on_hand + reserved))" -eq "$units" ] ||
    PROBLEMS+=("stock inconsistent: on_hand $on_hand reserved $reserved vs $units units in live orders")
  [ "$charges" -eq 0 ] || PROBLEMS+=("$charges orders charged more than once")
  [ "$without_event" -eq 0 ] || PROBLEMS+=("$without_event orders without their OrderPlaced event")
  [ "$twice" -eq 0 ] || PROBLEMS+=("$twice orders whose OrderPlaced is stored more than once")
  [ "$without_order" -eq 0 ] || PROBLEMS+=("$without_order OrderPlaced events of orders that do not exist")
  CHECK="attempts $ATTEMPTS, no final answer at first $UNKNOWN, acknowledged $ACKED (live orders $LIVE, pending $PENDING),"
  CHECK="$CHECK sold-out $SOLD_OUT, unanswered $other, lost $lost, stock $STOCK: on_hand $on_hand reserved $reserved,"
  CHECK="$CHECK double charges $charges, OrderPlaced $events for $ORDERS orders (missing $without_event, twice $twice)"
}

# Prints PASS or FAIL with the problems (prefixed by $1); returns 1 on FAIL.
verdict() {
  local prefix=$1 p
  shift
  if [ "${#PROBLEMS[@]}" -eq 0 ]; then
    log "$prefix PASS  $*"
    return 0
  fi
  log "$prefix FAIL  $*"
  for p in "${PROBLEMS[@]}"; do log "$prefix   FAIL: $p"; done
  return 1
}
