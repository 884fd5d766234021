#!/usr/bin/env bash
# Fault drill: PostgreSQL faults during a checkout burst (docs/reliability.md).
#
# Starts Fortress on its embedded PostgreSQL with a fresh data directory and lets BUYERS
# buyers place one-unit orders back to back. Under that load it
#   a  terminates every connection of the application (pg_terminate_backend), then
#   b  restarts the PostgreSQL server: SIGKILL of one backend, so the postmaster ends every
#      connection, recovers and accepts again; with STOP=1 a fast shutdown, DOWN seconds
#      down and a start with the command line it ran with (needs an unprivileged user),
# with PHASE seconds of load between the faults. It measures each recovery (fault, or
# restart, to the next acknowledged order), requires that clients got 503 problems with
# Retry-After and never another 5xx while the database was away, lets the clients retry
# the orders whose outcome they do not know, and runs the checker (bench/drills/lib.sh),
# plus: no partial order (every order has its lines and its payment row).
#
# Usage: bench/drills/postgres.sh [--quick]   (exits 1 on FAIL)
# Tunables (environment): JAR, STOCK (3000), BUYERS (16), PHASE (10 s; 5 with --quick),
# DOWN (8 s; 4 with --quick).
set -euo pipefail
cd "$(dirname "$0")/../.."
DRILL=postgres
. bench/drills/lib.sh

QUICK=${1:-}
STOCK=${STOCK:-3000}
BUYERS=${BUYERS:-16}
ORDERS_PER_BUYER=100000 # until $RUN/stop
if [ "$QUICK" = --quick ]; then PHASE=${PHASE:-5} DOWN=${DOWN:-4}; else PHASE=${PHASE:-10} DOWN=${DOWN:-8}; fi
RETRY_FOR=${RETRY_FOR:-60}
drill_init

# Seconds from $1 (epoch) to the first order acknowledged after it ("never" if none).
first_201_after() {
  all_answers | awk -v t="$1" '$2 == 201 && $6 > t {print $6}' | sort -n | head -1 |
    awk -v t="$1" '{printf "%.1f", $1 - t; f = 1} END {if (!f) print "never"}'
}

# "code:count ..." of the answers completed between $1 and $2 (epoch).
codes_between() {
  all_answers | awk -v a="$1" -v b="$2" '$6 > a && $6 <= b {n[$2]++} END {for (c in n) printf "%s:%d ", c, n[c]}'
}

setup_shop "$WORK/run" || exit 1
PGDIR=$(readlink -f "$DATA/postgres")
POSTMASTER=$(pg_postmaster "$PGDIR")
PGBIN=$(dirname "$(readlink "/proc/$POSTMASTER/exe")")
log "PostgreSQL $POSTMASTER on port $DB_PORT, binaries in $PGBIN"
log "$BUYERS buyers ordering one unit at a time from $STOCK units; faults ${PHASE}s apart, down ${DOWN}s"
start_buyers
wait_acknowledged $((BUYERS * 2))
sleep "$PHASE"
warm_201=$(answered 201)

# a: the application's connections are terminated
t_kill=$(date +%s.%N)
killed=$(super_sql "select count(pg_terminate_backend(pid)) from pg_stat_activity
  where usename = 'fortress' and pid <> pg_backend_pid()")
log "a: terminated $killed connections of the application"
sleep "$PHASE"
t_a_end=$(date +%s.%N)
recovery_a=$(first_201_after "$t_kill")
codes_a=$(codes_between "$t_kill" "$t_a_end")
log "a: next order acknowledged ${recovery_a}s after; answers since: $codes_a"

# b: the server restarts. By default a crash restart: SIGKILL of one backend makes the
# postmaster end every connection, replay the WAL and accept connections again (what an
# out-of-memory kill of one backend does). With STOP=1 a fast shutdown (SIGINT to the
# postmaster, what pg_ctl stop -m fast sends; pg_ctl refuses to run as root), DOWN seconds
# down, and a start with its own command line (postmaster.opts); as root the server refuses
# to start from a shell, so that variant needs an unprivileged user.
t_down=$(date +%s.%N)
POSTMASTER=$(pg_postmaster "$PGDIR")
if [ "${STOP:-}" = 1 ]; then
  kill -INT "$POSTMASTER"
  while kill -0 "$POSTMASTER" 2>/dev/null; do sleep 0.05; done
  log "b: PostgreSQL stopped; down for ${DOWN}s"
  sleep "$DOWN"
  eval "set -- $(cat "$PGDIR/postmaster.opts")"
  (cd "$PGDIR" && exec setsid "$@" >>"$RUN/postgres.log" 2>&1 </dev/null) &
  EXTRA_PIDS+=($!)
else
  backend=$(super_sql "select pid from pg_stat_activity where usename = 'fortress' limit 1")
  kill -9 "$backend"
  log "b: killed backend $backend with SIGKILL: PostgreSQL restarts (crash recovery)"
  sleep 0.5
fi
# ready: postmaster.pid's status line says so
for _ in $(seq 1 600); do
  [ "$(sed -n 8p "$PGDIR/postmaster.pid" 2>/dev/null | tr -d ' ')" = ready ] &&
    PGPASSWORD=$SUPER_PASSWORD psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 &&
    break
  sleep 0.1
done
t_up=$(date +%s.%N)
codes_down=$(codes_between "$t_down" "$t_up")
log "b: PostgreSQL accepts connections again after $(printf '%.1f' "$(echo "$t_up - $t_down" | bc)")s (postmaster $(pg_postmaster "$PGDIR"))"
sleep "$PHASE"
recovery_b=$(first_201_after "$t_up")
codes_b=$(codes_between "$t_up" "$(date +%s.%N)")
log "b: answers while down: $codes_down"
log "b: next order acknowledged ${recovery_b}s after the server was back; answers since: $codes_b"
touch "$RUN/stop"
wait_buyers
health=$(curl -s "$BASE/actuator/health" | jq -r .status)

retry_all_unknown
check_store
served_503=$(awk '$2 == 503' "$RUN/answers" | wc -l)
without_retry_after=$(awk '$2 == 503 && $5 == "-"' "$RUN/answers" | wc -l)
errors=$(awk '$2 ~ /^5/ && $2 != 503' "$RUN/answers" | wc -l)
no_answer=$(awk '$2 == "000"' "$RUN/answers" | wc -l)
partial=$(sql "select count(*) from orders o where not exists (select 1 from order_lines l where l.order_id = o.id)
  or not exists (select 1 from payments p where p.order_id = o.id)")
[ "$errors" -eq 0 ] || PROBLEMS+=("$errors answers were 5xx other than 503: $(awk '$2 ~ /^5/ && $2 != 503 {print $2, $3}' "$RUN/answers" | sort | uniq -c | sort -rn | head -3 | tr '\n' ';')")
[ "$without_retry_after" -eq 0 ] || PROBLEMS+=("$without_retry_after 503 answers without Retry-After")
[ "$no_answer" -eq 0 ] || PROBLEMS+=("$no_answer requests got no answer in 15 s")
[ "$partial" -eq 0 ] || PROBLEMS+=("$partial partial orders (no lines or no payment row)")
[ "$recovery_a" != never ] || PROBLEMS+=("no order acknowledged after the connections were terminated")
[ "$recovery_b" != never ] || PROBLEMS+=("no order acknowledged after PostgreSQL restarted (the pool did not recover)")
[ "$health" = UP ] || PROBLEMS+=("health is $health after the drill")
status=0
verdict "" "$CHECK; warm-up acknowledged $warm_201, 503s $served_503, other 5xx $errors, no answer $no_answer," \
  "partial orders $partial, recovery a ${recovery_a}s, b ${recovery_b}s after the server was back, health $health" ||
  status=1
log "app log: $(grep -c "Database unavailable" "$RUN/app.log" || true) 'Database unavailable' lines"
stop_app || status=1
if [ "$status" -eq 0 ]; then log "postgres drill: PASS"; else log "postgres drill: FAIL"; fi
exit "$status"
