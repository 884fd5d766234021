#!/usr/bin/env bash
# Shows, against the topology of deploy/local/up.sh, what works across instances (after
# checking that nginx spreads requests over both and that both publish one JWKS):
#   (d) events produced on instance 1 are consumed once by a consumer group spread over both
#       (needs up.sh --kafka; SKIPPED otherwise);
#   (e) a cache invalidation reaches both instances (needs Redis; SKIPPED otherwise);
#   (f) a chat message posted on instance 1 reaches WebSocket subscribers on instance 2 and
#       through nginx (needs Redis; SKIPPED otherwise);
#   (a) an Idempotency-Key used on instance 1, then on instance 2, answers with the same order;
#   (b) a checkout burst split across both instances (BUYERS buyers, half on each port, for a
#       drop of STOCK units) sells exactly the stock: answers vs the database and the admin API;
#   (c) a rate limit shared across instances (through Redis);
# and, when up.sh was given --kafka, that its broker takes and hands back a record.
# The checks are deploy/local/Check.java, run with the benchmark harness on the class path
# (its API client is how the drills create accounts, products, drops and orders); the harness
# is built when absent. Exits 1 when a check fails.
#
# Environment: BUYERS (200), STOCK (50), FORTRESS_LOCAL_PG (127.0.0.1:5432), and the admin
# FORTRESS_ADMIN_EMAIL / FORTRESS_ADMIN_PASSWORD that up.sh was given (same defaults).
set -euo pipefail
cd "$(dirname "$0")/../.."

PG=${FORTRESS_LOCAL_PG:-127.0.0.1:5432}
ADMIN_EMAIL=${FORTRESS_ADMIN_EMAIL:-admin@fortress.local}
ADMIN_PASSWORD=${FORTRESS_ADMIN_PASSWORD:-correct-horse-battery-staple}
BASE1=http://127.0.0.1:8081
BASE2=http://127.0.0.1:8082
NGINX=http://127.0.0.1:${FORTRESS_LOCAL_PORT:-8080}

for base in "$BASE1" "$BASE2"; do
  curl -sf -o /dev/null --max-time 3 "$base/actuator/health/readiness" ||
    { echo "no ready instance at $base: run deploy/local/up.sh first" >&2; exit 1; }
done

HARNESS=bench/harness/target/harness.jar
if [ ! -f "$HARNESS" ] || [ ! -d bench/harness/target/lib ]; then
  echo "building the benchmark harness (./mvnw -o -q -f bench/harness/pom.xml package -DskipTests)"
  ./mvnw -o -q -f bench/harness/pom.xml package -DskipTests || ./mvnw -q -f bench/harness/pom.xml package -DskipTests
fi

# nginx spreads requests over both instances: each instance's own request counter for the
# JWKS document, before and after 20 requests through nginx.
served() {
  curl -sf "$1/actuator/prometheus" |
    awk '/^http_server_requests_seconds_count\{.*uri="\/\.well-known\/jwks\.json"/ {s += $NF} END {print s + 0}'
}
before1=$(served "$BASE1")
before2=$(served "$BASE2")
for _ in $(seq 1 20); do curl -sf -o /dev/null "$NGINX/.well-known/jwks.json"; done
n1=$(($(served "$BASE1") - before1))
n2=$(($(served "$BASE2") - before2))
echo "nginx ($NGINX): 20 requests, instance 1 served $n1, instance 2 served $n2"
if [ "$n1" -eq 0 ] || [ "$n2" -eq 0 ]; then
  echo "FAIL: nginx does not spread requests over both instances" >&2
  exit 1
fi

# Both instances sign with one key: their JWKS must be the same document.
jwks1=$(curl -sf "$BASE1/.well-known/jwks.json")
jwks2=$(curl -sf "$BASE2/.well-known/jwks.json")
if [ "$jwks1" = "$jwks2" ]; then
  echo "JWKS: both instances publish the same key ($(jq -r '.keys[0].kid' <<<"$jwks1"))"
else
  echo "FAIL: the instances publish different JWKS: a token from one is refused by the other" >&2
  exit 1
fi

# The Kafka broker, when up.sh was given --kafka: that it takes and hands back a record (the
# instances' use of it is check (d) below).
KAFKA_PID=deploy/local/run/kafka/kafka.pid
if [ -f "$KAFKA_PID" ] && kill -0 "$(cat "$KAFKA_PID")" 2>/dev/null; then
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "deploy/local/run/kafka/lib/*" deploy/local/KafkaCheck.java
else
  echo "Kafka: not started (deploy/local/up.sh --kafka)"
fi

# up.sh gave the instances Redis when one answered; check (e) needs it.
REDIS=false
[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null || true)" = PONG ] && REDIS=true

exec java -Dcheck.redis="$REDIS" -Dcheck.nginx="$NGINX" -cp "$HARNESS:bench/harness/target/lib/*" deploy/local/Check.java \
  "$BASE1" "$BASE2" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" \
  "jdbc:postgresql://${PG%:*}:${PG#*:}/fortress_local" "${BUYERS:-200}" "${STOCK:-50}"
