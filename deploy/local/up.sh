#!/usr/bin/env bash
# The scale-out topology of deploy/docker-compose.yml on this machine, without Docker:
# two Fortress instances (ports 8081 and 8082; gRPC 9191 and 9192, since 9092 is Kafka's) on
# the machine's PostgreSQL (database fortress_local), with the same JWT signing key and a
# data directory each, behind an nginx on port 8080 (round robin), and Redis when one answers
# on 127.0.0.1:6379.
#
# Usage: deploy/local/up.sh [--kafka]
#   --kafka   also fetch a Kafka broker from Maven Central (deploy/local/kafka/pom.xml) and run
#             it in KRaft mode on 127.0.0.1:9092 (FORTRESS_KAFKA_BOOTSTRAP of both instances)
#
# Everything it starts is a user process with a pid file under deploy/local/run/ (git-ignored;
# logs there too); deploy/local/down.sh stops them. Running it again while the topology runs
# changes nothing. deploy/local/check.sh then shows what already works across the instances.
#
# Environment: FORTRESS_LOCAL_PORT (nginx, 8080), FORTRESS_LOCAL_PG (host:port, 127.0.0.1:5432;
# user postgres, trust authentication), FORTRESS_ADMIN_EMAIL / FORTRESS_ADMIN_PASSWORD
# (admin@fortress.local / correct-horse-battery-staple), FORTRESS_RATE_LIMIT_AUTH (100000:
# check.sh registers hundreds of buyers from one address), FORTRESS_RATE_LIMIT_API (600),
# LOCAL_JAVA_OPTS (-Xms256m -Xmx1g), JAR (target/fortress-*.jar, built when absent).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUN=$ROOT/deploy/local/run
mkdir -p "$RUN"

KAFKA=0
for arg in "$@"; do
  case "$arg" in
    --kafka) KAFKA=1 ;;
    -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (use --kafka or nothing)" >&2; exit 2 ;;
  esac
done

NGINX_PORT=${FORTRESS_LOCAL_PORT:-8080}
PG=${FORTRESS_LOCAL_PG:-127.0.0.1:5432}
PG_HOST=${PG%:*}
PG_PORT=${PG#*:}
DB=fortress_local
ADMIN_EMAIL=${FORTRESS_ADMIN_EMAIL:-admin@fortress.local}
ADMIN_PASSWORD=${FORTRESS_ADMIN_PASSWORD:-correct-horse-battery-staple}
APP_PORTS=(8081 8082)

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

# A pid file's process, if it still runs.
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# True when something accepts TCP connections on host $1 port $2.
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Waits until $2 answers 200 (at most $3 s) while the process of pid file $1 lives.
wait_ready() {
  local pidfile=$1 url=$2 deadline=$(($(date +%s) + $3))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    running "$pidfile" || return 1
    sleep 0.5
  done
  return 1
}

# --- the jar -------------------------------------------------------------------------------
JAR=${JAR:-$(ls target/fortress-*.jar 2>/dev/null | head -1 || true)}
if [ -z "$JAR" ]; then
  log "building the jar (./mvnw -o -q -DskipTests package)"
  ./mvnw -o -q -DskipTests package || ./mvnw -q -DskipTests package
  JAR=$(ls target/fortress-*.jar | head -1)
fi
JAR=$(readlink -f "$JAR")
log "jar: ${JAR#"$ROOT"/}"

# --- nginx ---------------------------------------------------------------------------------
if ! command -v nginx >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    die "nginx is not installed and this is not root, so it cannot be installed here:
    run 'sudo apt-get install -y nginx' (only the binary is used: this script runs its own
    nginx as a user process with a configuration under deploy/local/run/), then run me again."
  fi
  log "installing nginx (apt-get install -y nginx)"
  # Only the binary is wanted: a policy that forbids starting services keeps the package's
  # own nginx (port 80, /etc/nginx) from being started by the installation.
  POLICY=/usr/sbin/policy-rc.d
  HAD_POLICY=0
  [ -e "$POLICY" ] && HAD_POLICY=1
  if [ "$HAD_POLICY" = 0 ]; then printf '#!/bin/sh\nexit 101\n' >"$POLICY"; chmod +x "$POLICY"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >"$RUN/apt.log" 2>&1 ||
    { apt-get update -q >>"$RUN/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >>"$RUN/apt.log" 2>&1; } ||
    { [ "$HAD_POLICY" = 1 ] || rm -f "$POLICY"; die "apt-get install nginx failed: see $RUN/apt.log"; }
  [ "$HAD_POLICY" = 1 ] || rm -f "$POLICY"
fi

# --- PostgreSQL: the database ---------------------------------------------------------------
psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 "$@"; }
psql_admin -c 'select 1' >/dev/null 2>&1 ||
  die "no PostgreSQL answers on $PG as user postgres without a password (set FORTRESS_LOCAL_PG)"
if [ "$(psql_admin -c "select count(*) from pg_database where datname = '$DB'")" = 0 ]; then
  psql_admin -c "create database $DB"
  log "created database $DB on $PG"
else
  log "database $DB on $PG exists"
fi

# --- the shared JWT signing key -------------------------------------------------------------
# Generated once; both instances get the same PEM in FORTRESS_JWT_PRIVATE_KEY, so a token
# issued by one verifies on the other (left alone, each would generate its own into its data
# directory, and a token from 8081 would be a 401 on 8082).
KEY=$RUN/jwt-signing.pem
if [ ! -s "$KEY" ]; then
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY" 2>/dev/null)
  log "generated the shared JWT signing key (run/jwt-signing.pem)"
fi

# --- Redis, when one answers ----------------------------------------------------------------
REDIS_URL=
if [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null || true)" = PONG ]; then
  REDIS_URL=redis://127.0.0.1:6379
  log "Redis answers on 127.0.0.1:6379: FORTRESS_REDIS_URL=$REDIS_URL"
else
  log "no Redis on 127.0.0.1:6379: the instances run without FORTRESS_REDIS_URL"
fi

# --- Kafka (--kafka) ------------------------------------------------------------------------
KAFKA_BOOTSTRAP=
if [ "$KAFKA" = 1 ]; then
  KDIR=$RUN/kafka
  KPID=$KDIR/kafka.pid
  mkdir -p "$KDIR"
  if running "$KPID"; then
    log "Kafka already runs (pid $(cat "$KPID"))"
  else
    if [ ! -f "$KDIR/lib/.complete" ]; then
      log "fetching the Kafka broker and its dependencies (deploy/local/kafka/pom.xml)"
      rm -rf "$KDIR/lib"
      fetch() {
        ./mvnw "$@" -q -B -f deploy/local/kafka/pom.xml dependency:copy-dependencies \
          -DincludeScope=runtime -DoutputDirectory="$KDIR/lib" >"$KDIR/fetch.log" 2>&1
      }
      fetch -o || fetch || die "could not fetch Kafka: see $KDIR/fetch.log"
      touch "$KDIR/lib/.complete"
    fi
    listening 127.0.0.1 9092 && die "something else already listens on 127.0.0.1:9092"
    cat >"$KDIR/server.properties" <<EOF
# Written by deploy/local/up.sh: one node that is broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KDIR/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
    KCP="$KDIR/lib/*"
    if [ ! -f "$KDIR/data/meta.properties" ]; then
      # what "kafka-storage.sh format" does, with the class it runs
      CLUSTER_ID=$(java -cp "$KCP" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
      java -cp "$KCP" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$KDIR/server.properties" \
        >"$KDIR/format.log" 2>&1 || die "formatting the Kafka storage failed: see $KDIR/format.log"
      log "formatted the Kafka storage (cluster $CLUSTER_ID)"
    fi
    nohup java -Xms256m -Xmx512m -cp "$KCP" kafka.Kafka "$KDIR/server.properties" >"$KDIR/kafka.log" 2>&1 &
    echo $! >"$KPID"
    log "starting Kafka (pid $!, log run/kafka/kafka.log)"
    deadline=$(($(date +%s) + 90))
    until listening 127.0.0.1 9092 && grep -q "Kafka Server started" "$KDIR/kafka.log"; do
      running "$KPID" || die "Kafka exited while starting: $(tail -5 "$KDIR/kafka.log")"
      [ "$(date +%s)" -lt "$deadline" ] || die "Kafka did not start in 90 s: see $KDIR/kafka.log"
      sleep 0.5
    done
    log "Kafka is ready on 127.0.0.1:9092"
  fi
  KAFKA_BOOTSTRAP=127.0.0.1:9092
fi

# --- the two instances ----------------------------------------------------------------------
# One after the other: the first runs the database migrations and the admin bootstrap on the
# empty database, the second finds them done (rather than both racing on them).
start_instance() {
  local n=$1 port=$2 dir=$RUN/app$1
  local pidfile=$dir/app.pid
  mkdir -p "$dir/data"
  if running "$pidfile"; then
    log "app$n already runs (pid $(cat "$pidfile"), port $port)"
    return 0
  fi
  listening 127.0.0.1 "$port" && die "something else already listens on port $port"
  # shellcheck disable=SC2086
  env SERVER_PORT="$port" \
    FORTRESS_GRPC_PORT="$((9190 + n))" \
    FORTRESS_DATA_DIR="$dir/data" \
    FORTRESS_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    FORTRESS_DB_USER=postgres \
    FORTRESS_DB_PASSWORD= \
    FORTRESS_JWT_PRIVATE_KEY="$(cat "$KEY")" \
    FORTRESS_ADMIN_EMAIL="$ADMIN_EMAIL" \
    FORTRESS_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    FORTRESS_TRUSTED_PROXIES=127.0.0.1 \
    FORTRESS_RATE_LIMIT_AUTH="${FORTRESS_RATE_LIMIT_AUTH:-100000}" \
    FORTRESS_RATE_LIMIT_API="${FORTRESS_RATE_LIMIT_API:-600}" \
    FORTRESS_REDIS_URL="$REDIS_URL" \
    FORTRESS_KAFKA_BOOTSTRAP="$KAFKA_BOOTSTRAP" \
    nohup java ${LOCAL_JAVA_OPTS:--Xms256m -Xmx1g} -jar "$JAR" >"$dir/app.log" 2>&1 &
  echo $! >"$pidfile"
  log "starting app$n on port $port (pid $!, data run/app$n/data, log run/app$n/app.log)"
  if ! wait_ready "$pidfile" "http://127.0.0.1:$port/actuator/health/readiness" 240; then
    log "app$n did not become ready; the end of its log:"
    tail -20 "$dir/app.log" >&2
    exit 1
  fi
  log "app$n is ready: http://127.0.0.1:$port"
}
start_instance 1 "${APP_PORTS[0]}"
start_instance 2 "${APP_PORTS[1]}"

# --- nginx in front -------------------------------------------------------------------------
NDIR=$RUN/nginx
NPID=$NDIR/nginx.pid
mkdir -p "$NDIR/logs" "$NDIR/temp"
# The shape of deploy/nginx/nginx.conf, for the instances on this machine. A user process:
# its own prefix, pid file, logs and temporary files, never /etc/nginx.
cat >"$NDIR/nginx.conf" <<EOF
# Written by deploy/local/up.sh (see deploy/nginx/nginx.conf for the reasons).
worker_processes 1;
pid $NPID;
error_log $NDIR/logs/error.log warn;
events {
	worker_connections 4096;
}
http {
	access_log $NDIR/logs/access.log;
	client_body_temp_path $NDIR/temp/body;
	proxy_temp_path $NDIR/temp/proxy;
	fastcgi_temp_path $NDIR/temp/fastcgi;
	uwsgi_temp_path $NDIR/temp/uwsgi;
	scgi_temp_path $NDIR/temp/scgi;
	server_tokens off;
	map \$http_x_request_id \$fortress_request_id {
		default \$http_x_request_id;
		"" \$request_id;
	}
	upstream fortress {
		server 127.0.0.1:${APP_PORTS[0]} max_fails=2 fail_timeout=10s;
		server 127.0.0.1:${APP_PORTS[1]} max_fails=2 fail_timeout=10s;
		keepalive 64;
	}
	server {
		listen 127.0.0.1:$NGINX_PORT;
		client_max_body_size 2m;
		location = /nginx-health {
			access_log off;
			return 200 "ok\n";
		}
		# WebSockets: the upgrade is passed on and a session may stay quiet between
		# heart-beats (10 s) for far longer than a request may take.
		location = /ws {
			proxy_pass http://fortress;
			proxy_http_version 1.1;
			proxy_set_header Upgrade \$http_upgrade;
			proxy_set_header Connection "upgrade";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$remote_addr;
			proxy_set_header X-Forwarded-Proto \$scheme;
			proxy_read_timeout 1h;
			proxy_send_timeout 1h;
		}
		# Server-Sent Events: each event is passed on as it comes, not buffered.
		location ~ ^/api/v1/drops/[^/]+/stream\$ {
			proxy_pass http://fortress;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$remote_addr;
			proxy_set_header X-Forwarded-Proto \$scheme;
			proxy_buffering off;
			proxy_read_timeout 1h;
		}
		location / {
			proxy_pass http://fortress;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$remote_addr;
			proxy_set_header X-Forwarded-Proto \$scheme;
			proxy_set_header X-Request-Id \$fortress_request_id;
			proxy_connect_timeout 2s;
			proxy_send_timeout 30s;
			proxy_read_timeout 30s;
			proxy_next_upstream error timeout;
			proxy_next_upstream_tries 2;
		}
	}
}
EOF
# As root, nginx's workers switch to an unprivileged user; they only need what the master
# opened, and the temporary directories it creates (and hands to them) under run/nginx/temp.
if running "$NPID"; then
  nginx -p "$NDIR" -c "$NDIR/nginx.conf" -s reload 2>>"$NDIR/logs/reload.log"
  log "nginx already runs (pid $(cat "$NPID")): configuration reloaded"
else
  listening 127.0.0.1 "$NGINX_PORT" && die "something else already listens on port $NGINX_PORT (set FORTRESS_LOCAL_PORT)"
  nginx -t -q -p "$NDIR" -c "$NDIR/nginx.conf" 2>"$NDIR/logs/test.log" || die "nginx rejects its configuration: $(cat "$NDIR/logs/test.log")"
  nginx -p "$NDIR" -c "$NDIR/nginx.conf"
  log "starting nginx on port $NGINX_PORT (pid $(cat "$NPID" 2>/dev/null || echo ?), config run/nginx/nginx.conf)"
fi
wait_ready "$NPID" "http://127.0.0.1:$NGINX_PORT/actuator/health/readiness" 30 ||
  die "nginx does not reach the instances: see $NDIR/logs/error.log"

cat <<EOF
$(log "the topology is up")
  API (nginx, round robin):  http://127.0.0.1:$NGINX_PORT
  instances:                 http://127.0.0.1:${APP_PORTS[0]}  http://127.0.0.1:${APP_PORTS[1]}
  database:                  $DB on $PG
  Redis:                     ${REDIS_URL:-none}
  Kafka:                     ${KAFKA_BOOTSTRAP:-not started (use --kafka)}
  admin:                     $ADMIN_EMAIL
  next:                      deploy/local/check.sh, then deploy/local/down.sh
EOF
