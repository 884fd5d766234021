#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, by its pid files under deploy/local/run/: nginx, the
# two instances, Kafka. Idempotent: what is not running is skipped. Data (the fortress_local
# database, run/app*/data, run/kafka/data) is kept; --purge also drops the database and
# deletes run/ (the shared JWT key included, so tokens issued before no longer verify).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUN=$(pwd)/deploy/local/run
PURGE=0
[ "${1:-}" = --purge ] && PURGE=1

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Stops the process of pid file $2 (named $1): TERM, up to $3 s for a clean exit, then KILL.
stop() {
  local name=$1 pidfile=$2 grace=$3 pid
  if [ ! -f "$pidfile" ]; then
    log "$name: not started"
    return 0
  fi
  pid=$(cat "$pidfile")
  if ! kill -0 "$pid" 2>/dev/null; then
    log "$name: not running (stale pid file)"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 5))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    log "$name: killed (pid $pid did not stop in $grace s)"
  else
    log "$name: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

# nginx first, so no request reaches an instance that is stopping; the instances drain their
# requests (graceful shutdown); Kafka last.
stop nginx "$RUN/nginx/nginx.pid" 10
stop app1 "$RUN/app1/app.pid" 40
stop app2 "$RUN/app2/app.pid" 40
stop kafka "$RUN/kafka/kafka.pid" 30

if [ "$PURGE" = 1 ]; then
  PG=${FORTRESS_LOCAL_PG:-127.0.0.1:5432}
  psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -d postgres -XAtq -c 'drop database if exists fortress_local' &&
    log "dropped database fortress_local"
  rm -rf "$RUN"
  log "deleted deploy/local/run"
fi
