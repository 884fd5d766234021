#!/usr/bin/env bash
# Shows, against the topology of deploy/local/up.sh, what already works across instances:
#   (a) an Idempotency-Key used on instance 1, then on instance 2, answers with the same order;
#   (b) a checkout burst split across both instances (BUYERS buyers, half on each port, for a
#       drop of STOCK units) sells exactly the stock: answers vs the database and the admin API;
#   (c) a rate limit shared across instances: SKIPPED while buckets are per instance (Redis-
#       backed buckets are not built yet).
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

for base in "$BASE1" "$BASE2"; do
  curl -sf -o /dev/null --max-time 3 "$base/actuator/health/readiness" ||
    { echo "no ready instance at $base: run deploy/local/up.sh first" >&2; exit 1; }
done

HARNESS=bench/harness/target/harness.jar
if [ ! -f "$HARNESS" ] || [ ! -d bench/harness/target/lib ]; then
  echo "building the benchmark harness (./mvnw -o -q -f bench/harness/pom.xml package -DskipTests)"
  ./mvnw -o -q -f bench/harness/pom.xml package -DskipTests || ./mvnw -q -f bench/harness/pom.xml package -DskipTests
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

exec java -cp "$HARNESS:bench/harness/target/lib/*" deploy/local/Check.java \
  "$BASE1" "$BASE2" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" \
  "jdbc:postgresql://${PG%:*}:${PG#*:}/fortress_local" "${BUYERS:-200}" "${STOCK:-50}"
