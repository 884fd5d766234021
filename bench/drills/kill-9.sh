#!/usr/bin/env bash
# Fault drill: kill -9 during a checkout burst (docs/reliability.md).
#
# Starts Fortress on its embedded PostgreSQL with a fresh data directory, creates a product
# with STOCK units and BUYERS buyers, and lets every buyer place orders back to back, each
# with its own Idempotency-Key. Mid-burst it kills the server with SIGKILL:
#   A  the JVM only (what the out-of-memory killer does; its PostgreSQL lives on)
#   B  the JVM and its PostgreSQL (a machine or container crash)
# then restarts it, lets every client retry the orders whose outcome it does not know with
# the same key, and checks what the clients were told against what the database holds
# (bench/drills/lib.sh: no acknowledged order lost, no oversell, at most one charge per
# order, every order's OrderPlaced stored exactly once).
#
# Usage: bench/drills/kill-9.sh [A|B|both]     (default both; exits 1 on FAIL)
# Tunables (environment): JAR (target/fortress-*.jar), STOCK (150), BUYERS (16), ORDERS_PER_BUYER (15), KILL_AFTER (0.3 s after a third
# of the stock is sold).
set -euo pipefail
cd "$(dirname "$0")/../.."
DRILL=kill9
. bench/drills/lib.sh

VARIANTS=${1:-both}
STOCK=${STOCK:-150}
BUYERS=${BUYERS:-16}
ORDERS_PER_BUYER=${ORDERS_PER_BUYER:-15}
KILL_AFTER=${KILL_AFTER:-0.3}
RETRY_FOR=${RETRY_FOR:-60}
drill_init

drill() {
  local variant=$1
  setup_shop "$WORK/$variant" || return 1
  log "[$variant] $BUYERS buyers x $ORDERS_PER_BUYER orders against $STOCK units; SIGKILL ${KILL_AFTER}s after $((STOCK / 3)) sales"
  start_buyers
  # mid-burst: once a third of the stock is acknowledged (or after 30 s), plus KILL_AFTER
  wait_acknowledged $((STOCK / 3))
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
  wait_buyers
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

  retry_all_unknown
  DB_PORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
  check_store
  local status=0
  verdict "[$variant]" "$CHECK, recovery $(printf '%.1f' "$recovery")s" || status=1
  stop_app || status=1
  return "$status"
}

status=0
case "$VARIANTS" in
  A | B) drill "$VARIANTS" || status=1 ;;
  both) drill A || status=1; drill B || status=1 ;;
  *) echo "usage: $0 [A|B|both]" >&2; exit 2 ;;
esac
if [ "$status" -eq 0 ]; then log "kill-9 drill: PASS"; else log "kill-9 drill: FAIL"; fi
exit "$status"
